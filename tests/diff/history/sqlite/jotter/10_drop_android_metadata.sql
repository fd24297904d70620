DROP TABLE android_metadata;
ALTER TABLE notes ADD COLUMN archived_at INTEGER;
ALTER TABLE notes ADD COLUMN word_count INTEGER GENERATED ALWAYS AS (length(content) - length(replace(content, ' ', '')) + 1) VIRTUAL;
