select id, action, created_at from events order by id;
