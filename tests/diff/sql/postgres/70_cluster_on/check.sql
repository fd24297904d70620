select id, path from page order by id;
