-- the details a real schema carries: a standalone sequence behind a
-- default, a check kept off child tables, a clustered table, column
-- statistics and storage, a serial's own sequence options
CREATE SEQUENCE invoice_no AS bigint START WITH 10000 INCREMENT BY 10;
CREATE TABLE invoices (
  id serial PRIMARY KEY,
  no bigint NOT NULL DEFAULT nextval('invoice_no'),
  account_id integer NOT NULL REFERENCES "Account"(id),
  body text,
  issued_at timestamptz NOT NULL DEFAULT (now() AT TIME ZONE 'utc'),
  CONSTRAINT invoices_no_positive CHECK (no > 0) NO INHERIT
);
CREATE INDEX invoices_account ON invoices (account_id, issued_at DESC);
ALTER TABLE invoices CLUSTER ON invoices_account;
ALTER TABLE invoices ALTER COLUMN body SET STORAGE EXTERNAL;
ALTER TABLE invoices ALTER COLUMN account_id SET STATISTICS 500;
ALTER SEQUENCE invoices_id_seq START WITH 500 CACHE 5;
