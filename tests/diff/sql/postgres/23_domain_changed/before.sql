create domain positive_int as integer check (value > 0);
create domain label as varchar(20) default 'x';
create table item (id integer primary key, qty positive_int not null, tag label);
