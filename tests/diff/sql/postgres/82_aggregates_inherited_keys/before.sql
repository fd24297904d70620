-- aggregates (a sample database's group_concat, one over no argument, a
-- parallel-safe one) that views use, and a child table whose foreign key is
-- on a column it inherits (monthly tables of the old inheritance style);
-- group_concat changes under its view (create or replace aggregate)
create function concat_step(acc text, item text) returns text language sql immutable
  as $$ select case when acc is null then item else acc || ', ' || item end $$;
create aggregate group_concat(text) (sfunc = concat_step, stype = text);
comment on aggregate group_concat(text) is 'items joined by commas';
create function count_step(n bigint) returns bigint language sql immutable as $$ select n + 1 $$;
create aggregate rows_seen(*) (sfunc = count_step, stype = bigint, initcond = '0');
create function last_step(acc text, item text) returns text language sql immutable as $$ select item $$;
create aggregate last_of(text) (sfunc = last_step, stype = text, parallel = safe);
create table member (id integer primary key, name text not null);
create table charge (id integer primary key, member_id integer not null, amount numeric(8,2) not null);
create table charge_2024 (constraint charge_2024_member foreign key (member_id) references member (id))
  inherits (charge);
create view member_names as select group_concat(name order by name) as names, rows_seen(*) as n from member;
