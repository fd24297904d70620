create table item (id integer primary key, name text not null, price integer);
create view cheap as select id, name from item where price < 10;
create trigger cheap_insert instead of insert on cheap begin insert into item (id, name, price) values (new.id, new.name, 1); end;
