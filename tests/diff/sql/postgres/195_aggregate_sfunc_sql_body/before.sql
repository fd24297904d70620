-- An aggregate whose state function has a body of SQL (RETURN ...), which
-- PostgreSQL checks against the tables it names, so it is made after
-- tables: the aggregate was made before tables, before its state function
-- existed ("function add_v(bigint, integer) does not exist"). It now goes
-- after the functions made after tables.
create table t (id int primary key, v int);
