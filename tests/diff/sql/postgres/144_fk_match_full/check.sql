select id, coalesce(a, 0), coalesce(b, 0) from child order by id;
