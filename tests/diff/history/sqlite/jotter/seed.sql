INSERT INTO folders (title) VALUES ('Inbox'), ('Work');
INSERT INTO notes (folder_id, title, body) VALUES (1, 'Hello', 'first note'), (2, 'Plan', 'ship it'), (NULL, 'Loose', 'no folder');
