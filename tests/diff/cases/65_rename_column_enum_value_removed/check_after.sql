select id, state from ticket order by id;
