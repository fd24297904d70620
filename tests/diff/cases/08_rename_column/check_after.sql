select id, full_name, coalesce(email, '-') from person order by id;
