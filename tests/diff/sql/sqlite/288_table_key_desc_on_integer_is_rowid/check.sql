select id, name from item order by id;
