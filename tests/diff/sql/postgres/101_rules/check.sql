select id, body, n from note order by id;
