select id, val, coalesce(opt, '-') from item order by id;
