-- Older schemas write string defaults in double quotes (an e-book
-- manager's: link TEXT NOT NULL DEFAULT "", type TEXT DEFAULT "isbn");
-- SQLite keeps them so (PRAGMA table_info says "isbn"), and a table made
-- again must too, not as 'isbn'.
create table ident (id integer primary key, book integer, type text not null default "isbn" collate nocase, val text default "", n int);
create table other (id integer primary key, link text not null default "", note text default "it's");
