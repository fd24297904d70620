create trigger item_audit_insert after insert on item
begin
  insert into audit (item_id, what) values (new.id, 'insert ' || new.name);
end;
create trigger item_audit_update after update of price on item
begin
  insert into audit (item_id, what) values (new.id, 'price ' || new.price);
end;
insert into item (id, name, price) values (1, 'a', 10), (2, 'b', 20);
