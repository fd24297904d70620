create table task (id integer primary key, done boolean not null default false, owner text);
create view open_task as select id, owner from task where not done;
create view my_task as select id, owner from open_task where owner = current_user;
