return { url = 5, schema = { "a", 3 } }
