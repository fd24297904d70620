create function is_slug(t text) returns boolean language plpgsql immutable as $$ begin return t ~ '^[a-z-]+$'; end $$;
create domain slug as text default 'x' check (is_slug(value));
create function secs_between(a timestamp, b timestamp) returns float8 language plpgsql immutable
  as $$ begin return extract(epoch from a - b); end $$;
create type stamp_span as range (subtype = timestamp, subtype_diff = secs_between);
create table tag (id int primary key, s slug, span stamp_span);
