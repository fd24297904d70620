insert into animal values (1, 'generic');
