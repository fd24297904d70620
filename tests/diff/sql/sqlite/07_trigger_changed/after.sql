create table item (id integer primary key, name text not null, price integer);
create table audit (item_id integer, what text);
create trigger item_audit after insert on item begin insert into audit values (new.id, 'added'); end;
