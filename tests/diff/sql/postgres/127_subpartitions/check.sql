select id, at, region, tableoid::regclass from m order by id;
