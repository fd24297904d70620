select id, a, b from score order by id;
