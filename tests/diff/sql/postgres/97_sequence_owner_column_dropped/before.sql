-- The column that owns a sequence is dropped while the sequence stays:
-- OWNED BY NONE first, or the column would take the sequence with it.
create sequence member_no start with 10;
create table member (id integer primary key, name text, no bigint);
alter sequence member_no owned by member.no;
