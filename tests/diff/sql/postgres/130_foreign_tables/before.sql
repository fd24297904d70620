-- Foreign tables of postgres_fdw (the server points at a database of the
-- test cluster; nothing connects to it): one changed in place (a column
-- dropped, one added at the end, a type, NOT NULL, a default, a collation
-- and column options changed, its own options set, added and dropped)
-- under a view that reads it, one made again (another server, a column
-- added in the middle), one dropped, one added; comments on them; a
-- trigger on one kept (made again around its ALTER), one added.
create extension postgres_fdw;
create server films_db foreign data wrapper postgres_fdw options (dbname 'films', host 'localhost');
create server archive_db foreign data wrapper postgres_fdw options (dbname 'archive');
create foreign table film (id integer not null, title text options (column_name 'name') default 'untitled', len integer, gone text, note varchar(10) collate "C") server films_db options (schema_name 'public', table_name 'films_src');
comment on foreign table film is 'the films';
create view long_film as select id, title from film where len > 120;
create foreign table studio (id integer, name text) server films_db;
create foreign table old_stuff (id integer) server archive_db;
create table rental (id integer primary key, film_id integer not null, at date);
create function film_guard() returns trigger language plpgsql as $$ begin return new; end $$;
create trigger film_guard before insert on film for each row execute function film_guard();
