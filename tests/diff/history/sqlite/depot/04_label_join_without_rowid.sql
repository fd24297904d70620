-- Depot 4: the join table keyed by its whole content becomes WITHOUT ROWID
-- (through a temporary copy, since a view and a trigger read it), with an
-- index for the other direction; the trigger matches by id now.
create temp table label_item_copy as select * from label_item;
drop table label_item;
create table label_item
(
    label_id uuid not null references label on delete cascade,
    item_id  uuid not null references item on delete cascade,
    primary key (label_id, item_id)
) without rowid;
insert into label_item select * from label_item_copy;
drop table label_item_copy;
create index label_item_item on label_item (item_id, label_id);
drop trigger tr_item_archived;
create trigger tr_item_archived after update of archived on item when new.archived = 1 and old.archived = 0
    begin
      delete from label_item where item_id = new.id;
    end;
