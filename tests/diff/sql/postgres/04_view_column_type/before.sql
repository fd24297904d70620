create table account (id integer primary key, balance integer not null default 0);
create view rich as select id, balance from account where balance > 100;
