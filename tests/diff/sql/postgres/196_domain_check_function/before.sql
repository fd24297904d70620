-- A domain whose CHECK calls a function of the schema (and a range type
-- whose subtype_diff is one): the domain and the range were made before
-- the functions, which did not exist yet ("function is_slug(text) does not
-- exist"). Each is now made after the functions it names.
create table tag (id int primary key);
