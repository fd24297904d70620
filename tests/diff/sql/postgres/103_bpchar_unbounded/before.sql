-- bpchar without a length is blank-padded text of any length (what
-- format_type prints for such a column), not character(1): read as char(1)
-- it was made character(1), and a default longer than one character failed.
create table tags (id integer primary key, name text);
