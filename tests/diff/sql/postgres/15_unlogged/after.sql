create unlogged table cache_entry (k text primary key, v text);
