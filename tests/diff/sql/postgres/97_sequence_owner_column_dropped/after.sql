create sequence member_no start with 10;
create table member (id integer primary key, name text);
