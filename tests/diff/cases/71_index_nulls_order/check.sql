select id, coalesce(name, '-'), coalesce(points, -1) from score order by id;
