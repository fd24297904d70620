insert into note values (1, 'alice', 'hi');
