select id, at, kind from ev_old union all select id, at, kind from ev_2025 order by id;
