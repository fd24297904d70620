DROP TRIGGER notes_touch;
CREATE TRIGGER notes_touch AFTER UPDATE OF title, content, pinned ON notes
FOR EACH ROW WHEN old.updated_at IS new.updated_at AND new.archived_at IS NULL
BEGIN
  UPDATE notes SET updated_at = CURRENT_TIMESTAMP WHERE id = new.id;
END;
