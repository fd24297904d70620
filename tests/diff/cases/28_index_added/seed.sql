insert into post (id, author, title, slug, score, published, created) values
  (1, 'ann', 'Hello', 'hello', 5, true, '2024-01-01 10:00:00'),
  (2, 'ann', 'Second', 'second', 1, false, null),
  (3, 'bob', 'Other', 'other', 9, true, '2024-02-01 08:30:00');
