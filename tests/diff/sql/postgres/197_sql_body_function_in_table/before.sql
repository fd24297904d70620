-- Functions with a body of SQL (RETURN ...) were all made after tables, as
-- PostgreSQL checks such a body against the tables it names: one that names
-- none, called by a generated column, a default or a CHECK, did not exist
-- when its table was made ("function norm(text) does not exist"). Only
-- those naming a table (or a view, a type or a function made after
-- tables) are now; and one calling another is made after it.
create table w (id int primary key, s text);
