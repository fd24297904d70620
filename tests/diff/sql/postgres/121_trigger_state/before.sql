-- A trigger's state (ALTER TABLE ... DISABLE / ENABLE REPLICA / ENABLE
-- ALWAYS TRIGGER): one disabled trigger enabled again, one enabled made to
-- fire always, one firing only for replicas whose definition changes (made
-- again, it must be set to fire for replicas again), one added disabled; a
-- column the last reads changes type beside them.
create table item (id integer primary key, n integer, touched integer default 0);
create function touch() returns trigger language plpgsql as $$ begin new.touched := new.touched + 1; return new; end $$;
create trigger item_a before update on item for each row execute function touch();
alter table item disable trigger item_a;
create trigger item_b before update on item for each row execute function touch();
create trigger item_c before insert on item for each row execute function touch();
alter table item enable replica trigger item_c;
