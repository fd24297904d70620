ALTER TABLE "Account" ENABLE ROW LEVEL SECURITY;
CREATE POLICY account_owner ON "Account" USING ("ownerId" = current_setting('app.user_id', true)::int);
