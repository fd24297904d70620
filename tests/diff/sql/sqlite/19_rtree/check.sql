select id, name, price from item order by id;
