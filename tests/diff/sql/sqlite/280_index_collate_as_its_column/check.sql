select id, format, book, size from formats order by id;
