-- The example project's configuration (SPEC section 2): an embedded SQLite
-- database under demo/, migrations in migrations/. TIDE_DATABASE_URL or
-- --url point the same migrations at PostgreSQL.
return {
  url = "sqlite:demo/demo.db",
  migrations = {
    path = "migrations",
  },
}
