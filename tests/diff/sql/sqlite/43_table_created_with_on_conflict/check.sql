select key, value from setting order by key;
