create table formats (id integer primary key, format text not null collate nocase, book integer, size text);
create index formats_fmt on formats (format collate nocase);
create index formats_book on formats (book);
