select id, qty from item order by id;
