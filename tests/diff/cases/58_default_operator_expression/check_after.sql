select id, name from item where total = 3 and tag = 'ab' order by id;
