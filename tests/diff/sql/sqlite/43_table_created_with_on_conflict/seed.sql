insert into setting values ('theme', 'dark'), ('lang', null);
