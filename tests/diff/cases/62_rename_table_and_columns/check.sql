select id, mail, coalesce(name, '-') from person order by id;
