select id, film_id from rental order by id;
