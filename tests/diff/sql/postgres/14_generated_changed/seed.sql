insert into box (id, w, h) values (1, 2, 3);
