select id, ts::date, kind, n from ev order by id;
