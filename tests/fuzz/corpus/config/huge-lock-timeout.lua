return { migrations = { lockTimeout = math.huge } }
