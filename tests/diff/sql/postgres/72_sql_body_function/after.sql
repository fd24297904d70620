create table item (id integer primary key, price numeric not null);
create table line (item_id integer not null references item, qty integer not null);
-- bodies of SQL (not quoted strings) are checked against line when created:
-- after the tables, and dropped before them
create function order_value() returns numeric language sql stable
  return (select coalesce(sum(l.qty * i.price), 0) from line l join item i on i.id = l.item_id);
create procedure clear_lines() language sql begin atomic delete from line; end;
create view order_summary as select order_value() as total;
