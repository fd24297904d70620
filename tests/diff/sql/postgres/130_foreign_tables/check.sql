select id, film_id, at from rental order by id;
