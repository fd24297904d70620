select id, qty, tag from item order by id;
