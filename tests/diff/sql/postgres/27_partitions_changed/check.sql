select id, at, kind from event order by id;
