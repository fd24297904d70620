select id, first, last from person order by id;
