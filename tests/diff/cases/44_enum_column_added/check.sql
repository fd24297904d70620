select id, status from ticket order by id;
