return { migrations = { tablename = "m" } }
