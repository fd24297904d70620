-- Event triggers (made by a superuser): one whose tags change (made
-- again), one disabled that is enabled for replicas only, one dropped, one
-- added; the function they call writes to a table, which a column change
-- beside them must not disturb (they are dropped first and made last).
create table ddl_log (at timestamptz default now(), tag text);
create table item (id integer primary key, n integer);
create function log_ddl() returns event_trigger language plpgsql as $$
begin insert into ddl_log (tag) values (tg_tag); end $$;
create function log_drop() returns event_trigger language plpgsql as $$
begin insert into ddl_log (tag) values ('drop'); end $$;
create event trigger on_create on ddl_command_end when tag in ('CREATE TABLE') execute function log_ddl();
create event trigger on_drop on sql_drop execute function log_drop();
alter event trigger on_drop disable;
create event trigger on_any on ddl_command_start execute function log_ddl();
