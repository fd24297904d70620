insert into post (title) values ('hello'); insert into post (title, published) values ('world', 't');
