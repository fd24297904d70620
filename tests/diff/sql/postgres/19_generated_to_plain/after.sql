create table box (id integer primary key, w integer not null, h integer not null, area integer);
create view big_box as select id, area from box where area > 4;
