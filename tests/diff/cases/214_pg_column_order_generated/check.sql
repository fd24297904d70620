select id, n from gen order by id;
