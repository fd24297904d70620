select id, email from person order by id;
