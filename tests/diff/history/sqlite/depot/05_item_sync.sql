-- Depot 5: a flag in the middle of item, by the rebuild an ORM's
-- generator writes (its keys still name no columns); the view is made
-- again after it.
PRAGMA foreign_keys = off;
drop view v_live_item;
create table `new_item` (`id` uuid NOT NULL, `name` text NOT NULL, `quantity` integer NOT NULL DEFAULT (1), `archived` bool NOT NULL DEFAULT (false), `sync_children` bool NOT NULL DEFAULT (false), `crew_id` uuid NOT NULL, `parent_id` uuid NULL, PRIMARY KEY (`id`), CONSTRAINT `item_crew` FOREIGN KEY (`crew_id`) REFERENCES `crew` ON DELETE CASCADE, CONSTRAINT `item_parent` FOREIGN KEY (`parent_id`) REFERENCES `item` ON DELETE SET NULL);
insert into `new_item` (`id`, `name`, `quantity`, `archived`, `crew_id`, `parent_id`) select `id`, `name`, `quantity`, `archived`, `crew_id`, `parent_id` from `item`;
drop table `item`;
alter table `new_item` rename to `item`;
create index `item_name` on `item` (`name`);
create trigger tr_item_archived after update of archived on item when new.archived = 1 and old.archived = 0
    begin
      delete from label_item where item_id = new.id;
    end;
create view v_live_item as select item.id, item.name, crew.name as crew
    from item join crew on crew.id = item.crew_id
    where item.archived = 0;
PRAGMA foreign_keys = on;
