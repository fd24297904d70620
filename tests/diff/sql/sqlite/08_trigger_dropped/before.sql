create table item (id integer primary key, name text not null, price integer);
create trigger item_check before insert on item begin select raise(abort, 'no') where new.price < 0; end;
