select id, zone, coalesce(alias, '-'), owner from account order by id;
