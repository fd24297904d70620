create function label(x integer) returns text language sql immutable as $$ select 'n' || x $$;
create function label(x text) returns text language sql immutable as $$ select 't' || x $$;
create table thing (id integer primary key);
