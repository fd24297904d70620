insert into ticket (id, legacy_no) values (1, 7);
