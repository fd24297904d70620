INSERT INTO "User" (email, name) VALUES ('ada@example.com', 'Ada'), ('bob@example.com', 'Bob');
INSERT INTO "Account" ("ownerId", balance) VALUES (1, 10), (2, 20);
