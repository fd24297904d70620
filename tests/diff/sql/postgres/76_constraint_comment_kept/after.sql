-- the check changes (dropped and added again) and keeps its comment; the key
-- moves to two columns and keeps its comment too
create table item (id integer, price integer, qty integer not null,
  constraint item_pkey primary key (id, qty),
  constraint item_price_check check (price >= 1 and price < 100000));
comment on constraint item_price_check on item is 'free items are not sold';
comment on constraint item_pkey on item is 'item numbers';
