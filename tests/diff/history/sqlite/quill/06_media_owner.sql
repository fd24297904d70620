-- Quill 6: media get an owner (added in place) and writers a bio
ALTER TABLE media ADD COLUMN owner_id INTEGER REFERENCES writer;
ALTER TABLE writer ADD COLUMN bio TEXT NOT NULL DEFAULT '';
