create table sale (id integer primary key, region text not null, amount integer not null);
create materialized view sales_by_region as select region, count(*) as n, sum(amount) as total from sale group by region;
