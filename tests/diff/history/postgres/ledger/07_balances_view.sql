CREATE VIEW account_balances AS
  SELECT a.id, a."ownerId" AS owner_id, coalesce(sum(t.amount), 0) AS balance
  FROM "Account" a LEFT JOIN transactions t ON t.account_id = a.id
  GROUP BY a.id;
