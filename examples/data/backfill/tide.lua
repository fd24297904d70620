-- m:backfill example (README "Data migrations" / "Backfill"):
--   cd examples/data/backfill && tide migration:up
return { url = "sqlite:backfill.db" }
