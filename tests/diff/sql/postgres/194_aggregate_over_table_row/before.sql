-- An aggregate whose state is an array of a table's row type, with a state
-- function taking that table's row type (a supply-chain platform's dump):
-- the aggregate was made before its tables and its state function, where
-- PostgreSQL has no such type yet ("type lot[] does not exist"). It now
-- goes after tables, after the functions it names, like them.
create table item (id integer primary key, qty integer not null);
