return { migrations = { lockTimeout = 0/0 } }
