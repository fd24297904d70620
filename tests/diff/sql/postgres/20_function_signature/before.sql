create function area(w integer) returns integer language sql immutable as $$ select w * w $$;
create function greet(who text) returns text language sql immutable as $$ select 'hi ' || who $$;
