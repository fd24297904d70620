insert into USERS values (1, 'a');
