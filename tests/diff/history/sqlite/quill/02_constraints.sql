-- Quill 2: unique constraints added by the twelve-step rebuild, declared in
-- an order that is not the order of their names
CREATE TABLE writer2 (
    id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    handle VARCHAR NOT NULL,
    outbox VARCHAR UNIQUE,
    inbox VARCHAR UNIQUE,
    ap_url TEXT UNIQUE,
    is_admin BOOLEAN NOT NULL DEFAULT 'f',
    open BOOLEAN NOT NULL DEFAULT 't',
    avatar_id INTEGER REFERENCES media(id) ON DELETE CASCADE,
    FOREIGN KEY (avatar_id) REFERENCES media(id) ON DELETE SET NULL,
    CONSTRAINT writer_unique UNIQUE (handle, is_admin)
);
INSERT INTO writer2 (id, handle, is_admin, open, avatar_id) SELECT id, handle, is_admin, open, avatar_id FROM writer;
DROP TABLE writer;
ALTER TABLE writer2 RENAME TO writer;
