select id, at, page from visit order by id;
