select id, owner from note order by id;
