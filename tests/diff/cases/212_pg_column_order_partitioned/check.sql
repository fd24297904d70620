select id, at, body from event order by id;
select id, name from tag order by id;
