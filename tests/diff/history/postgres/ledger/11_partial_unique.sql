ALTER TABLE "User" ADD COLUMN "deletedAt" timestamptz;
DROP INDEX "User_email_key";
CREATE UNIQUE INDEX "User_email_live_key" ON "User" (lower(email)) WHERE "deletedAt" IS NULL;
