select id, position, title, size from packs order by id;
