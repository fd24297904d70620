create table task (id integer primary key, done boolean not null default false, owner text);
-- a view's check option is kept after its query: added, and cascaded
create view open_task as select id, owner from task where not done with local check option;
create view my_task as select id, owner from open_task where owner = current_user with cascaded check option;
