CREATE INDEX notes_pinned ON notes (folder_id, updated_at DESC) WHERE pinned = 1 AND archived_at IS NULL;
CREATE UNIQUE INDEX tags_name_nocase ON tags (name COLLATE NOCASE);
