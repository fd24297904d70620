-- Quill 7: security keys, a two-column unique constraint declared before a
-- one-column one (the definitions must keep that order too)
CREATE TABLE IF NOT EXISTS device (
    id INTEGER,
    writer_id INTEGER NOT NULL,
    label VARCHAR(30) NOT NULL DEFAULT 'Primary',
    kid VARCHAR(512) NOT NULL,
    PRIMARY KEY (id),
    UNIQUE (writer_id, label),
    UNIQUE (kid)
);
