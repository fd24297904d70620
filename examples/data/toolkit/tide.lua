-- The migration toolkit example (README "Data migrations"):
--   cd examples/data/toolkit && tide migration:up
return { url = "sqlite:toolkit.db" }
