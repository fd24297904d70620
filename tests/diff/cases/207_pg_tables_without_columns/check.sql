select id from item order by id;
