create table ledger (id bigint generated always as identity primary key, amount numeric(12, 2) not null);
create schema books;
create table books."Entry" (id int primary key, note text);
create function a_last_entry() returns numeric language plpgsql as $$
declare
  r ledger%ROWTYPE;
  n books."Entry".note%TYPE;
  m public.ledger.amount%type;
begin
  select * into r from ledger order by id desc limit 1;
  m := r.amount;
  return m;
end $$;
create function a_plain(x int) returns int language plpgsql immutable as $$
declare
  v x%TYPE;
begin
  v := x * 2;
  return v;
end $$;
create table uses_plain (id int primary key, d int generated always as (a_plain(id)) stored);
