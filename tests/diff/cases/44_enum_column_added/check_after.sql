select id, status from ticket where severity = 'minor' and old_status is null order by id;
