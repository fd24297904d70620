return { modules = { blog = 1 }, migrations = { lockTimeout = -1 } }
