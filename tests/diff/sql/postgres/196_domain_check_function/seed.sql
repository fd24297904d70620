insert into tag values (1), (2);
