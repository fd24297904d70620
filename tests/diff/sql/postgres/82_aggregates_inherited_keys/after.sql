create function concat_step(acc text, item text) returns text language sql immutable
  as $$ select case when acc is null then item else acc || ', ' || item end $$;
create aggregate group_concat(text) (sfunc = concat_step, stype = text, initcond = '');
comment on aggregate group_concat(text) is 'items joined by commas, from nothing';
create function count_step(n bigint) returns bigint language sql immutable as $$ select n + 1 $$;
create aggregate rows_seen(*) (sfunc = count_step, stype = bigint, initcond = '0');
create function first_step(acc text, item text) returns text language sql immutable
  as $$ select coalesce(acc, item) $$;
create aggregate first_of(text) (sfunc = first_step, stype = text);
create table member (id integer primary key, name text not null);
create table charge (id integer primary key, member_id integer not null, amount numeric(8,2) not null);
create table charge_2024 (constraint charge_2024_member foreign key (member_id) references member (id))
  inherits (charge);
create table charge_2025 (constraint charge_2025_member foreign key (member_id) references member (id)
  on delete cascade) inherits (charge);
create view member_names as select group_concat(name order by name) as names, rows_seen(*) as n from member;
create view first_member as select first_of(name order by name) as first from member;
