create table payment (
  id bigint not null,
  region text not null,
  amount numeric not null,
  ref text
) partition by list (region);
create table payment_eu partition of payment for values in ('eu');
create table payment_us partition of payment for values in ('us');
create function payment_audit() returns trigger language plpgsql as $$
begin
  perform pg_catalog.pg_notify('payment', 'written');
  return null;
end
$$;
create index payment_ref_idx on payment (ref);
alter table payment_eu add constraint payment_eu_amount_check check (amount > 0);
alter table payment_eu add constraint payment_eu_ref_key unique (ref);
comment on constraint payment_eu_amount_check on payment_eu is 'no refunds in the eu partition';
create trigger payment_us_audit after insert on payment_us for each statement execute function payment_audit();
