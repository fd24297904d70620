select id, email, coalesce(name, '-') from person order by id;
