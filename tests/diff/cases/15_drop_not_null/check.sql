select id, name, qty from item order by id;
