-- Operators and an operator class over a table's row type: their
-- functions take the table's row, so they are made after the table (and
-- dropped before it), the view using an operator after them.
create table lot (id integer primary key, qty integer);
