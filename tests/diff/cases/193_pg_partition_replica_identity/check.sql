select id, at from ev order by id;
