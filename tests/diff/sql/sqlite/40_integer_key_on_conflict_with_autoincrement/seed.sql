insert into job (name) values ('build'), ('test'), ('gone'); delete from job where name = 'gone';
