select id, qty, code from item order by id;
