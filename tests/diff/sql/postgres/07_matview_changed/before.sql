create table sale (id integer primary key, region text not null, amount integer not null);
create materialized view sales_by_region as select region, sum(amount) as total from sale group by region;
