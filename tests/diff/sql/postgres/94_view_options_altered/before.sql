-- Only the options of a view and of a materialized view change: they are
-- altered in place (alter view ... reset / set), so the view keeps what
-- reads it and the grants on it.
create table shipment (id integer primary key, region text, weight numeric);
create view shipment_heavy with (security_barrier) as
  select id, region from shipment where weight > 100;
create view shipment_heavy_north as select id from shipment_heavy where region = 'north';
create materialized view shipment_by_region with (fillfactor = 70) as
  select region, count(*) as n from shipment group by region;
