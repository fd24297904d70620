select id, name, price, total from item order by id;
select seq from sqlite_sequence where name = 'item';
