select id, name from item where active and kind = 'plain' and version = 1 order by id;
