insert into cache_entry values ('a', 'b');
