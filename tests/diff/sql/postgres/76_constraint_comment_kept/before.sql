create table item (id integer primary key, price integer, qty integer,
  constraint item_price_check check (price > 0));
comment on constraint item_price_check on item is 'free items are not sold';
comment on constraint item_pkey on item is 'item numbers';
