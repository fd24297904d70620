select id, qty, cast(price * 100 as integer), label from item order by id;
