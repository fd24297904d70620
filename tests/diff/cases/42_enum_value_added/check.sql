select id, status, coalesce(cast(prio as varchar(20)), '-') from ticket order by id;
