-- 1.3: totp rebuilt the way the application does it: renamed away, made
-- anew (its serial's sequence is then totp_id_seq1), the rows copied back.
ALTER TABLE totp RENAME TO totp_old;
CREATE TABLE totp (
  id serial PRIMARY KEY,
  account_id integer NOT NULL REFERENCES account (id),
  secret bytea NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO totp (id, account_id, secret) SELECT id, account_id, secret FROM totp_old;
DROP TABLE totp_old;
SELECT setval('totp_id_seq1', (SELECT max(id) FROM totp));
