select id, make from vehicle order by id;
