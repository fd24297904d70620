select id, s from w order by id;
