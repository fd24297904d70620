select id, coalesce(cast(permission as varchar(20)), '-') from grant_rule order by id;
