insert into doc values (1, 'tide', 'text');
