-- An index that says its column's own collation (as an e-book manager's
-- schema does: "format TEXT COLLATE NOCASE" and an index on "format COLLATE
-- NOCASE"): SQLite keeps the text as written, so a table made again must
-- write the index so too, not as a plain one on the column.
create table formats (id integer primary key, format text not null collate nocase, book integer, size int);
create index formats_fmt on formats (format collate nocase);
create index formats_book on formats (book);
