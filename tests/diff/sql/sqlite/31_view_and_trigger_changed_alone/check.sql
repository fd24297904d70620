select id, name, price from item order by id;
select item_id, what from audit order by item_id;
