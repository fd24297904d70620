-- a rename of case only needs a step through another name
ALTER TABLE "Attachments" RENAME TO attachments_tmp;
ALTER TABLE attachments_tmp RENAME TO attachments;
DROP INDEX "IX_Attachments_NoteId";
CREATE INDEX attachments_note ON attachments ("NoteId", "FileName");
