insert into post (id, author, title, score, published) values (1, 'ann', 'Hello', 5, true), (2, 'ann', 'Second', 1, false), (3, 'bob', 'Hello', 9, false);
