create type point2 as (x double precision, y double precision);
comment on type point2 is 'a point on a plane';
create type "Box" as ("Low" point2, high point2, label text collate "C");
create table shape (id integer primary key, origin point2, bounds "Box");
