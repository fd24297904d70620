select id, status from issue order by id;
