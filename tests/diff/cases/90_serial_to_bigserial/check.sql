select id, name from event order by id;
