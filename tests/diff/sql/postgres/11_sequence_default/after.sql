create sequence order_no start with 1000 increment by 5;
create table customer (id integer primary key, name text not null);
create table purchase (no bigint primary key default nextval('order_no'), customer_id integer not null references customer (id));
