insert into doc (id, owner_id, title, slug, score) values (1, 1, 'A', 'a', 1.5), (2, 1, 'B', 'b', null);
