select id, body from doc;
