-- notes get a uuid for sync: a rebuild that also tightens title
PRAGMA foreign_keys = OFF;
BEGIN;
DROP VIEW note_list;
CREATE TABLE notes_new (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  uuid TEXT NOT NULL DEFAULT (lower(hex(randomblob(16)))),
  folder_id INTEGER REFERENCES folders(id) ON DELETE SET NULL,
  title TEXT NOT NULL DEFAULT '',
  content TEXT NOT NULL DEFAULT '',
  pinned BOOLEAN NOT NULL DEFAULT 0,
  archived_at INTEGER,
  word_count INTEGER GENERATED ALWAYS AS (length(content) - length(replace(content, ' ', '')) + 1) VIRTUAL,
  created_at DATETIME DEFAULT CURRENT_TIMESTAMP,
  updated_at DATETIME DEFAULT CURRENT_TIMESTAMP
);
INSERT INTO notes_new (id, folder_id, title, content, pinned, archived_at, created_at, updated_at)
  SELECT id, folder_id, coalesce(title, ''), content, pinned, archived_at, created_at, updated_at FROM notes;
DROP TABLE notes;
ALTER TABLE notes_new RENAME TO notes;
CREATE UNIQUE INDEX notes_uuid ON notes (uuid);
CREATE INDEX idx_notes_folder ON notes(folder_id);
CREATE INDEX notes_pinned ON notes (folder_id, updated_at DESC) WHERE pinned = 1 AND archived_at IS NULL;
CREATE TRIGGER notes_ai AFTER INSERT ON notes BEGIN
  INSERT INTO notes_fts(rowid, title, body) VALUES (new.id, new.title, new.content);
END;
CREATE TRIGGER notes_ad AFTER DELETE ON notes BEGIN
  INSERT INTO notes_fts(notes_fts, rowid, title, body) VALUES('delete', old.id, old.title, old.content);
END;
CREATE TRIGGER notes_au AFTER UPDATE ON notes BEGIN
  INSERT INTO notes_fts(notes_fts, rowid, title, body) VALUES('delete', old.id, old.title, old.content);
  INSERT INTO notes_fts(rowid, title, body) VALUES (new.id, new.title, new.content);
END;
CREATE TRIGGER notes_touch AFTER UPDATE OF title, content ON notes
FOR EACH ROW WHEN old.updated_at = new.updated_at
BEGIN
  UPDATE notes SET updated_at = CURRENT_TIMESTAMP WHERE id = new.id;
END;
CREATE VIEW note_list AS
  SELECT n.id, n.title, f.title AS folder, f.color, n.pinned, n.updated_at,
         (SELECT count(*) FROM attachments a WHERE a."NoteId" = n.id) AS attachment_count
  FROM notes n LEFT JOIN folders f ON f.id = n.folder_id
  WHERE n.archived_at IS NULL;
COMMIT;
PRAGMA foreign_keys = ON;
