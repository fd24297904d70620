insert into ident (id, book, n) values (1, 1, 3); insert into ident values (2, 1, 'doi', 'x', 4); insert into other (id) values (1);
