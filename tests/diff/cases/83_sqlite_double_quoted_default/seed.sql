insert into book (id) values (1);
insert into book (id, isbn, title) values (2, '978', 'Emma');
