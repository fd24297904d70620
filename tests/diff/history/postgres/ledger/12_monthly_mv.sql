CREATE MATERIALIZED VIEW monthly_totals AS
  SELECT account_id, date_trunc('month', booked_at) AS month, sum(amount) AS total
  FROM transactions GROUP BY 1, 2;
CREATE UNIQUE INDEX monthly_totals_key ON monthly_totals (account_id, month);
