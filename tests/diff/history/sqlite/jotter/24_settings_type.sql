-- settings leave STRICT; value becomes JSON text
CREATE TABLE settings_new (
  key TEXT PRIMARY KEY NOT NULL,
  value TEXT CHECK (json_valid(value)),
  updated INTEGER NOT NULL DEFAULT (unixepoch())
) WITHOUT ROWID;
INSERT INTO settings_new SELECT key, json_quote(value), updated FROM settings;
DROP TABLE settings;
ALTER TABLE settings_new RENAME TO settings;
