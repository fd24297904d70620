create table item (id integer primary key, name text not null);
create view item_names as select name from item;
create function item_count() returns bigint language sql stable as $$ select count(*) from item $$;
comment on view item_names is 'the names only';
comment on function item_count() is 'how many items';
