select id, name from item where status = 'new' and score = 0 order by id;
