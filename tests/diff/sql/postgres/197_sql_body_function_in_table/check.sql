select id, s, n, v from w order by id;
