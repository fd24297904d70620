create table t (a integer);
pragma writable_schema = 1;
update sqlite_master set sql = 'create table t (a integer constraint "x" check (a > (0)), "b"  text default ''x'' /* c */ )' where name = 't';
