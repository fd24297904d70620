select id, price, qty from item;
