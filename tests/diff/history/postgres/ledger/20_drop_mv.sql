DROP MATERIALIZED VIEW monthly_totals;
ALTER TABLE transactions DROP COLUMN is_credit;
ALTER TABLE transactions ADD CONSTRAINT transactions_memo_len CHECK (length(memo) <= 500) NOT VALID;
