select id, kind from event order by id;
