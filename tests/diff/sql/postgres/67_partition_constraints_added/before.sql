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
