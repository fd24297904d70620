select id, at, kind, note from ev order by id;
