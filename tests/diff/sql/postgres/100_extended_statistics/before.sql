-- Extended statistics (CREATE STATISTICS) on a table's columns: one added,
-- one whose kinds change (made again), one dropped; a column they do not
-- name changes type beside them.
create table shipment (id integer primary key, city text, zip text, region text, weight integer);
create statistics shipment_city_zip (dependencies) on city, zip from shipment;
create statistics shipment_old on city, region from shipment;
