select id, body->>'title', array_length(tags, 1) from doc order by id;
