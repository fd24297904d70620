ALTER TABLE attachments DROP COLUMN "Data";
ALTER TABLE attachments ADD COLUMN mime TEXT NOT NULL DEFAULT 'application/octet-stream';
