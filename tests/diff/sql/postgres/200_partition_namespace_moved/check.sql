select id, partition_id, name, tableoid::regclass from ci_builds order by id;
