-- Sign-in 1.0: an enum made with no values yet (values come in a later
-- release), a serial key.
CREATE TYPE permission AS ENUM ();
CREATE TABLE account (
  id serial PRIMARY KEY,
  email text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE grant_rule (
  id serial PRIMARY KEY,
  account_id integer NOT NULL REFERENCES account (id) ON DELETE CASCADE,
  permission permission
);
CREATE TABLE totp (
  id serial PRIMARY KEY,
  account_id integer NOT NULL REFERENCES account (id),
  secret bytea NOT NULL
);
