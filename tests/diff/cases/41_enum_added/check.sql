select id, title from ticket order by id;
