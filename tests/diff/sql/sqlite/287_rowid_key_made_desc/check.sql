select id, body from note order by id;
