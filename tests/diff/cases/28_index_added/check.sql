select id, author, title, slug, score from post order by id;
