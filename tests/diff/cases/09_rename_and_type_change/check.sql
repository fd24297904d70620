select id, name, coalesce(age, -1) from person order by id;
