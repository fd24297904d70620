select id, title from topic;
