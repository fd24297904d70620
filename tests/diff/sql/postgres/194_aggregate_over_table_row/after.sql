create table item (id integer primary key, qty integer not null);
create table lot (item_id integer, qty integer);
create function lot_step(acc lot[], i item) returns lot[]
  language plpgsql immutable as $$ begin return acc || row(i.id, i.qty)::lot; end $$;
create function lot_qty(acc lot[]) returns bigint
  language sql immutable as $$ select sum(qty) from unnest(acc) u $$;
create aggregate lots(item) (sfunc = lot_step, stype = lot[], finalfunc = lot_qty, initcond = '{}');
create view item_total as select lots(i) as total from item i;
