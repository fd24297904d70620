select id, name from author order by id;
