select k, v from cache_entry;
