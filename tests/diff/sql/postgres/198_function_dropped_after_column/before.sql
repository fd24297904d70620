-- A generated column and a CHECK calling a function, dropped with the
-- function: the function was dropped before the column ("column n of table
-- w depends on function pl_norm(text)"). A function that a column's
-- expression, a CHECK, a dropped domain or another dropped function calls
-- now goes last, after them.
create function pl_norm(t text) returns text language plpgsql immutable as $$ begin return lower(t); end $$;
create table w (id int primary key, s text, n text generated always as (pl_norm(s)) stored,
                v int check (length(pl_norm(s)) < 100));
