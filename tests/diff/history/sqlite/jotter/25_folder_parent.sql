ALTER TABLE folders ADD COLUMN parent_id INTEGER REFERENCES folders(id) ON DELETE CASCADE;
CREATE INDEX folders_parent ON folders (parent_id);
