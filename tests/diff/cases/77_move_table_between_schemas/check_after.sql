select id, label from archive.item order by id;
