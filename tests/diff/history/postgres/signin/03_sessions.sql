-- 1.2: sessions take the levels; the permissions get their values.
CREATE TABLE session (
  id serial PRIMARY KEY,
  account_id integer NOT NULL REFERENCES account (id) ON DELETE CASCADE,
  aal assurance NOT NULL DEFAULT 'aal1'
);
ALTER TYPE permission ADD VALUE 'read';
ALTER TYPE permission ADD VALUE 'write';
