-- shapes met in applications' own schemas (pg_dump of Rails and Go apps):
-- a check calling a function, functions taking and returning a table's row
-- type (made after the table), tables with storage parameters, and a column
-- whose default takes another table's serial sequence; the default
-- namespace's own comment, set then given back to the one it was made with
comment on schema public is 'Jobs and tickets';
create function labels_ok(labels jsonb) returns boolean language sql immutable
  as $$ select coalesce(bool_and(jsonb_typeof(v) = 'string'), true) from jsonb_array_elements(labels) v $$;
create table job (
  id bigserial primary key,
  queue text not null default 'default',
  runs integer not null default 0,
  labels jsonb not null default '[]',
  constraint job_labels check (jsonb_typeof(labels) = 'array' and labels_ok(labels))
) with (fillfactor = 90);
create function job_stage(j job) returns text language sql stable
  as $$ select case when j.runs > 0 then 'ran' else 'waiting' end $$;
create function jobs_in(q text) returns setof job language sql stable
  as $$ select * from job where queue = q $$;
create unlogged table worker (pid integer primary key, seen timestamptz)
  with (fillfactor = 50, autovacuum_enabled = false);
create table ticket (id serial primary key, title text);
create table archived_ticket (id integer not null default nextval('ticket_id_seq'), title text);
