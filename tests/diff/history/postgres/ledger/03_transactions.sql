CREATE TABLE transactions (
  id bigserial PRIMARY KEY,
  account_id integer NOT NULL REFERENCES "Account"(id) ON DELETE CASCADE,
  amount numeric(12,2) NOT NULL CHECK (amount <> 0),
  memo varchar(140),
  booked_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX transactions_account_booked ON transactions (account_id, booked_at DESC);
