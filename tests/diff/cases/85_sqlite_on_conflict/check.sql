select id, client_id, room, seq, body from message order by id;
