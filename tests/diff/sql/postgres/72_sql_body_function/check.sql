select id, price from item;
