select id, m, coalesce(past::text, '-') from person order by id;
