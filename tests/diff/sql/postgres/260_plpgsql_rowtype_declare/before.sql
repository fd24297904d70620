-- A PL/pgSQL function that declares a variable by a table's row type
-- (t%ROWTYPE) or a column's type (t.c%TYPE) needs that table when it is
-- created (PostgreSQL compiles the declarations then; pg_depend records
-- nothing), and tide made it with the other functions, before the tables:
-- relation "ledger" does not exist. Seen in a job queue's core schema.
create table ledger (id bigint generated always as identity primary key, amount numeric(12, 2) not null);
