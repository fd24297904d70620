create table lot (id integer primary key, qty integer);
create function lot_eq(a lot, b lot) returns boolean language sql immutable as $$ select a.id = b.id $$;
create operator === (function = lot_eq, leftarg = lot, rightarg = lot, commutator = ===);
create function lot_cmp(a lot, b lot) returns integer language sql immutable as $$ select case when a.id < b.id then -1 when a.id > b.id then 1 else 0 end $$;
create function lot_lt(a lot, b lot) returns boolean language sql immutable as $$ select a.id < b.id $$;
create operator <<< (function = lot_lt, leftarg = lot, rightarg = lot);
create operator class lot_ops for type lot using btree as operator 1 <<<, operator 3 ===, function 1 lot_cmp(lot, lot);
create view same_lots as select a.id from lot a, lot b where a === b;
