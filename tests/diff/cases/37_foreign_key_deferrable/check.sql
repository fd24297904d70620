select id, coalesce(parent_id, 0), coalesce(next_id, 0), label from node order by id;
