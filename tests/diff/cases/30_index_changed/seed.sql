insert into post (id, author, title, score) values (1, 'ann', 'Hello', 5), (2, 'ann', 'Second', 20), (3, 'bob', 'Other', 0);
