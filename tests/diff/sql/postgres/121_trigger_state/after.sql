create table item (id integer primary key, n bigint, touched integer default 0);
create function touch() returns trigger language plpgsql as $$ begin new.touched := new.touched + 1; return new; end $$;
create trigger item_a before update on item for each row execute function touch();
create trigger item_b before update on item for each row execute function touch();
alter table item enable always trigger item_b;
create trigger item_c before insert or update of n on item for each row execute function touch();
alter table item enable replica trigger item_c;
create trigger item_d after delete on item for each row when (old.n > 0) execute function touch();
alter table item disable trigger item_d;
