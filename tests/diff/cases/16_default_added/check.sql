select id, status, coalesce(qty, -1) from item order by id;
