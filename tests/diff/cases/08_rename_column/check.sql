select id, name, coalesce(mail, '-') from person order by id;
