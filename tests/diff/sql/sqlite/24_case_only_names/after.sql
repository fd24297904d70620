create table users (id integer primary key, name text);
create view active_users as select ID from USERS;
