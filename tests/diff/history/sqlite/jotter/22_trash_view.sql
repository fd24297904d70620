-- a view that names its own columns, and an INSTEAD OF trigger on it
CREATE VIEW trash (note_id, uuid, title, archived) AS
  SELECT id, uuid, title, archived_at FROM notes WHERE archived_at IS NOT NULL;
CREATE TRIGGER trash_restore INSTEAD OF DELETE ON trash BEGIN
  UPDATE notes SET archived_at = NULL WHERE id = old.note_id;
END;
