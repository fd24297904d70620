select id, full_name, coalesce(years, -1) from person order by id;
