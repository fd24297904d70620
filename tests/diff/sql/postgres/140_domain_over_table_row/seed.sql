insert into note values (1, 'kept');
