select id, action, created_at, tableoid::regclass::text like '%events_2025' from events order by id;
