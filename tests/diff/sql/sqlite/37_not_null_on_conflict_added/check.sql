select id, title, body from note order by id;
