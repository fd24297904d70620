insert into doc values (1, 'hello', null);
