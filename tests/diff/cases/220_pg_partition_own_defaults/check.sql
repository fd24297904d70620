select id, at, coalesce(kind, '-'), coalesce(n, -1) from ev order by id;
