select id, state::text from ticket order by id;
