select id, label, price from cheap_item order by id;
