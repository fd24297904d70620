-- Quill 4: a license before the published flag, and the post's own keys
CREATE TABLE post2 (
    id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    writer_id INTEGER REFERENCES writer(id) ON DELETE CASCADE NOT NULL,
    slug VARCHAR NOT NULL,
    ap_url VARCHAR UNIQUE,
    license VARCHAR NOT NULL DEFAULT 'CC-BY-SA',
    published BOOLEAN NOT NULL DEFAULT 'f',
    cover_id INTEGER REFERENCES media(id) ON DELETE SET NULL DEFAULT NULL,
    CONSTRAINT post_unique UNIQUE (writer_id, slug)
);
INSERT INTO post2 (id, writer_id, slug, published) SELECT id, writer_id, slug, published FROM post;
DROP TABLE post;
ALTER TABLE post2 RENAME TO post;
