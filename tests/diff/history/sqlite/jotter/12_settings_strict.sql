CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value ANY,
  updated INTEGER NOT NULL DEFAULT (unixepoch())
) STRICT, WITHOUT ROWID;
