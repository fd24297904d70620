select id, email, name from person order by id;
