-- the twelve-step rebuild the SQLite manual describes: a colour with a check
PRAGMA foreign_keys = OFF;
BEGIN;
CREATE TABLE new_folders (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  title TEXT NOT NULL COLLATE NOCASE,
  color TEXT NOT NULL DEFAULT '#ffffff' CHECK (length(color) = 7),
  created_at DATETIME DEFAULT CURRENT_TIMESTAMP
);
INSERT INTO new_folders (id, title, created_at) SELECT id, title, created_at FROM folders;
DROP TABLE folders;
ALTER TABLE new_folders RENAME TO folders;
COMMIT;
PRAGMA foreign_keys = ON;
