insert into rental (id, film_id) values (1, 10), (2, 11);
