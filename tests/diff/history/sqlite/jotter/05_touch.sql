CREATE TRIGGER notes_touch AFTER UPDATE OF title, body ON notes
FOR EACH ROW WHEN old.updated_at = new.updated_at
BEGIN
  UPDATE notes SET updated_at = CURRENT_TIMESTAMP WHERE id = new.id;
END;
