create table shipment (id integer primary key, region text, weight numeric);
create view shipment_heavy with (security_invoker = true) as
  select id, region from shipment where weight > 100;
create view shipment_heavy_north as select id from shipment_heavy where region = 'north';
create materialized view shipment_by_region as
  select region, count(*) as n from shipment group by region;
