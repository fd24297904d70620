select id, kind from ev order by id;
