select id, cast(val as varchar(20)), coalesce(cast(opt as varchar(20)), '-') from item order by id;
