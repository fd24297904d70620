create table shipment (id integer primary key, city text, zip text, region text, weight bigint);
create statistics shipment_city_zip (ndistinct, dependencies) on city, zip from shipment;
create statistics shipment_region_expr (mcv) on region, (lower(city)) from shipment;
comment on statistics shipment_region_expr is 'region by city';
