CREATE TABLE reminders (
  id INTEGER PRIMARY KEY,
  note_id INTEGER NOT NULL UNIQUE,
  due_at INTEGER NOT NULL,
  repeat TEXT CHECK (repeat IN ('daily', 'weekly', 'monthly')),
  done INTEGER NOT NULL DEFAULT 0,
  CONSTRAINT fk_reminder_note FOREIGN KEY (note_id) REFERENCES notes (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED
);
CREATE INDEX reminders_due ON reminders (due_at) WHERE done = 0;
