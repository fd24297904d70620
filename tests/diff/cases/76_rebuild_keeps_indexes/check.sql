select id, author, title, score from post order by id;
