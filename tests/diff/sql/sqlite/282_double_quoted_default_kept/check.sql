select id, book, type, val, n from ident order by id;
