DROP VIEW account_balances;
DROP POLICY account_owner ON "Account";
ALTER TABLE "User" ALTER COLUMN "id" TYPE bigint;
ALTER TABLE "Account" ALTER COLUMN "ownerId" TYPE bigint;
ALTER SEQUENCE "User_id_seq" AS bigint;
CREATE VIEW account_balances AS
  SELECT a.id, a."ownerId" AS owner_id, a.currency, coalesce(sum(t.amount), 0) AS balance
  FROM "Account" a LEFT JOIN transactions t ON t.account_id = a.id
  GROUP BY a.id;
COMMENT ON VIEW account_balances IS 'balance per account';
CREATE POLICY account_owner ON "Account" USING ("ownerId" = current_setting('app.user_id', true)::bigint);
