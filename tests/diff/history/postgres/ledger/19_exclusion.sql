CREATE EXTENSION IF NOT EXISTS btree_gist;
CREATE TABLE holds (
  id serial PRIMARY KEY,
  account_id integer NOT NULL REFERENCES "Account"(id),
  during tstzrange NOT NULL,
  EXCLUDE USING gist (account_id WITH =, during WITH &&)
);
