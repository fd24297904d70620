create table ident (id integer primary key, book integer, type text not null default "isbn" collate nocase, val text default "", n text);
create table other (id integer primary key, link text not null default "", note text default "it's");
