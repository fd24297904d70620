DROP VIEW note_list;
CREATE VIEW note_list AS
  SELECT n.id, n.title, f.title AS folder, f.color, n.pinned, n.updated_at,
         (SELECT count(*) FROM attachments a WHERE a."NoteId" = n.id) AS attachment_count
  FROM notes n LEFT JOIN folders f ON f.id = n.folder_id
  WHERE n.archived_at IS NULL;
