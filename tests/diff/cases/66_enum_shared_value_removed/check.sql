select id, prio from task order by id;
select id, coalesce(cast(level as varchar(10)), '-') from alert order by id;
