-- A database that ran with foreign keys off (SQLite's default, and how a
-- reference manager's schema keeps its keys to tables of another file)
-- holds a row whose parent is gone. A rebuild of another table must still
-- run: only rows the migration itself leaves breaking a key stop it.
create table library (id integer primary key, name text not null);
create table item (id integer primary key, library_id int references library (id), title text);
create table note (id integer primary key, item_id int references item (id), body text, size int);
