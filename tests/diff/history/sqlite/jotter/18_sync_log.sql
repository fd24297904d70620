CREATE TABLE sync_log (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  entity TEXT NOT NULL,
  entity_uuid TEXT NOT NULL,
  op CHAR(1) NOT NULL CHECK (op IN ('i', 'u', 'd')),
  at REAL NOT NULL DEFAULT (julianday('now')),
  payload
);
CREATE INDEX sync_log_entity ON sync_log (entity, entity_uuid);
CREATE TRIGGER notes_sync_ins AFTER INSERT ON notes BEGIN
  INSERT INTO sync_log (entity, entity_uuid, op) VALUES ('note', new.uuid, 'i');
END;
