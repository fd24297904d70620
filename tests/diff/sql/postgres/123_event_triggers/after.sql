create table ddl_log (at timestamptz default now(), tag text);
create table item (id integer primary key, n bigint);
create function log_ddl() returns event_trigger language plpgsql as $$
begin insert into ddl_log (tag) values (tg_tag); end $$;
create function log_drop() returns event_trigger language plpgsql as $$
begin insert into ddl_log (tag) values ('drop'); end $$;
create event trigger on_create on ddl_command_end when tag in ('CREATE TABLE', 'ALTER TABLE') execute function log_ddl();
create event trigger on_drop on sql_drop execute function log_drop();
alter event trigger on_drop enable replica;
create event trigger on_index on ddl_command_end when tag in ('create index') execute procedure public.log_ddl();
alter event trigger on_index enable always;
