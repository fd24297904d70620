select id, name, cast(price as integer) from item order by id;
