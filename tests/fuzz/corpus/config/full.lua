return {
  url = "postgres://app:secret@localhost/app",
  schema = { "schema", "more/schema" },
  migrations = {
    path = "db/migrations", tableName = "tide_migrations", pattern = "^M%d+",
    transactional = true, allOrNothing = false, disableForeignKeys = true,
    dropTables = false, safe = true, snapshot = true, snapshotName = "app",
    lockTimeout = 5, allowOutOfOrder = false,
    list = { { name = "a", up = function(m) end } },
  },
  seeder = { path = "seeders", defaultSeeder = "DatabaseSeeder" },
  modules = {
    blog = { schema = "modules/blog/schema", migrations = { path = "modules/blog/migrations" } },
    shop = { schema = { "modules/shop/schema" } },
  },
}
