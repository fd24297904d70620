select id, parent_id from child order by id;
