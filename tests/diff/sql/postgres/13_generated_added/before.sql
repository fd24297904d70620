create table box (id integer primary key, w integer not null, h integer not null);
