select id, name from item where delta = -1 and ratio = 0.5 and quote = 'it''s' and big = 9000000000 and empty = '' order by id;
