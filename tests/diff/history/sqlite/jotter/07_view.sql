CREATE VIEW IF NOT EXISTS note_list AS
  SELECT n.id, n.title, f.title AS folder, n.pinned, n.updated_at
  FROM notes n LEFT JOIN folders f ON f.id = n.folder_id;
