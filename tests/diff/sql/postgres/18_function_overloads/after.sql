create function label(x integer) returns text language sql immutable as $$ select 'number ' || x $$;
create function label(x text) returns text language sql immutable as $$ select 't' || x $$;
create function label(x integer, y integer) returns text language sql immutable as $$ select x || '/' || y $$;
create table thing (id integer primary key);
comment on function label(integer, integer) is 'a pair';
