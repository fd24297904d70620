select id, name from tags order by id;
