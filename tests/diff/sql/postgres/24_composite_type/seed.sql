insert into shape values (1), (2);
