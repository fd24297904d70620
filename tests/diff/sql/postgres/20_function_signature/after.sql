create function area(w integer, h integer) returns integer language sql immutable as $$ select w * h $$;
create function greet(who text) returns varchar language sql immutable as $$ select 'hello ' || who $$;
