select id, at, coalesce(note, '-') from ev order by id;
