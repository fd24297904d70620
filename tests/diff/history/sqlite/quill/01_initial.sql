-- Quill 1 (a blog engine on Diesel and SQLite, written for these tests in
-- the ways the real histories replayed against tide write SQLite: each
-- release the SQL it ran). A column referencing twice, BOOLEAN defaults
-- written 't' and 'f'.
CREATE TABLE media (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    path TEXT NOT NULL DEFAULT '',
    sensitive BOOLEAN NOT NULL DEFAULT 'f'
);
CREATE TABLE writer (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    handle VARCHAR NOT NULL,
    is_admin BOOLEAN NOT NULL DEFAULT 'f',
    open BOOLEAN NOT NULL DEFAULT 't',
    avatar_id INTEGER REFERENCES media(id) ON DELETE CASCADE,
    FOREIGN KEY (avatar_id) REFERENCES media(id) ON DELETE SET NULL
);
CREATE TABLE post (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    writer_id INTEGER REFERENCES writer(id) ON DELETE CASCADE NOT NULL,
    slug VARCHAR NOT NULL,
    published BOOLEAN NOT NULL DEFAULT 'f'
);
