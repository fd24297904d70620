DROP VIEW account_balances;
DROP MATERIALIZED VIEW monthly_totals;
ALTER TABLE transactions ALTER COLUMN account_id TYPE bigint;
CREATE VIEW account_balances AS
  SELECT a.id, a."ownerId" AS owner_id, a.currency, coalesce(sum(t.amount), 0) AS balance
  FROM "Account" a LEFT JOIN transactions t ON t.account_id = a.id
  GROUP BY a.id;
CREATE MATERIALIZED VIEW monthly_totals AS
  SELECT account_id, date_trunc('month', booked_at) AS month, sum(amount) AS total, count(*) AS n
  FROM transactions GROUP BY 1, 2;
CREATE UNIQUE INDEX monthly_totals_key ON monthly_totals (account_id, month);
