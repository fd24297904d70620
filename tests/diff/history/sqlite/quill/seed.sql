INSERT INTO media (path) VALUES ('a.png'), ('b.png');
INSERT INTO writer (handle, avatar_id) VALUES ('ada', 1), ('bo', NULL);
INSERT INTO writer (handle, is_admin) VALUES ('cy', 't');
INSERT INTO post (writer_id, slug) VALUES (1, 'hello'), (1, 'again'), (3, 'news');
