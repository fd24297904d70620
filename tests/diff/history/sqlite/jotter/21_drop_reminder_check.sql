PRAGMA foreign_keys = OFF;
CREATE TABLE reminders2 (
  id INTEGER PRIMARY KEY,
  note_id INTEGER NOT NULL UNIQUE,
  due_at INTEGER NOT NULL,
  repeat TEXT,
  done INTEGER NOT NULL DEFAULT 0,
  snoozed_until INTEGER,
  CONSTRAINT fk_reminder_note FOREIGN KEY (note_id) REFERENCES notes (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED
);
INSERT INTO reminders2 (id, note_id, due_at, repeat, done) SELECT id, note_id, due_at, repeat, done FROM reminders;
DROP TABLE reminders;
ALTER TABLE reminders2 RENAME TO reminders;
CREATE INDEX reminders_due ON reminders (due_at) WHERE done = 0;
PRAGMA foreign_keys = ON;
