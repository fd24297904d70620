ALTER TABLE transactions ADD COLUMN is_credit boolean GENERATED ALWAYS AS (amount > 0) STORED;
