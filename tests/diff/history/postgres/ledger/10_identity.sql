CREATE TABLE categories (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name text NOT NULL,
  parent_id integer REFERENCES categories(id),
  UNIQUE NULLS NOT DISTINCT (parent_id, name)
);
ALTER TABLE transactions ADD COLUMN category_id integer REFERENCES categories(id) ON DELETE SET NULL;
