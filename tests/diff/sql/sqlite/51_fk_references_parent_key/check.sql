select client_id, hex(data) from logo order by client_id;
