select id, name, price, max_price from item order by id;
