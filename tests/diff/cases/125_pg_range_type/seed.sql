insert into booking (id, score) values (1, '[1,2)');
