select id, ref from item order by id;
