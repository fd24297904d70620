select id, val, coalesce(opt, 0) from item order by id;
