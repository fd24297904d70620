select id, name from cheap_item order by id;
