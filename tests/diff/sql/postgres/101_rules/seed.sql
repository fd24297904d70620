insert into note values (1, 'a', 2);
