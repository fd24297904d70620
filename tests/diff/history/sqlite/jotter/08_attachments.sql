CREATE TABLE "Attachments" (
  "Id" INTEGER PRIMARY KEY,
  "NoteId" INTEGER NOT NULL,
  "FileName" VARCHAR(255) NOT NULL,
  "Size" INT,
  "Data" BLOB,
  FOREIGN KEY ("NoteId") REFERENCES notes (id) ON DELETE CASCADE
);
CREATE INDEX "IX_Attachments_NoteId" ON "Attachments" ("NoteId");
