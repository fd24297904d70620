select id, name from item order by id;
select name, seq from sqlite_sequence order by name;
