create extension if not exists citext;
create schema crm;
create sequence invoice_no as integer start with 100;
create sequence crm.lead_no increment by 2;
create table tag (id integer primary key, name citext not null);
create table crm.lead (
  id integer primary key default nextval('crm.lead_no'),
  email text not null,
  score integer not null default 0,
  score_band integer generated always as (score / 10) stored,
  invoice integer default nextval('invoice_no')
);
create unlogged table crm.hit (lead_id integer not null references crm.lead (id), at timestamptz not null default now());
alter table crm.lead enable row level security;
alter table crm.lead force row level security;
create function crm.normalize_email() returns trigger language plpgsql as $$
begin
  new.email := lower(new.email);
  return new;
end
$$;
create function lead_count(min_score integer default 0) returns bigint language sql stable
  as $$ select count(*) from crm.lead where score >= min_score $$;
create procedure crm.reset_scores() language sql as $$ update crm.lead set score = 0 $$;
create trigger lead_email before insert or update of email on crm.lead for each row
  when (new.email is not null) execute function crm.normalize_email();
create view crm.hot_lead as select id, email, score from crm.lead where score > 50;
create view crm.hot_lead_email as select email from crm.hot_lead;
create materialized view crm.hits_per_lead as select lead_id, count(*) as n from crm.hit group by lead_id;
create view tag_names as select name from tag order by name;
create policy lead_read on crm.lead for select to public using (score >= 0);
create policy lead_write on crm.lead as restrictive for update using (true) with check (score <= 100);
comment on view crm.hot_lead is 'leads worth a call';
comment on function lead_count(integer) is 'how many leads';
comment on sequence invoice_no is 'invoice numbers';
comment on materialized view crm.hits_per_lead is 'refreshed nightly';
comment on trigger lead_email on crm.lead is 'lowercase emails';
comment on policy lead_read on crm.lead is 'everyone reads';
