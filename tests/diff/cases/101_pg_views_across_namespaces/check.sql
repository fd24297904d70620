select id, name from s.cheap_item order by id;
select id, name from s.cheap_item_q order by id;
select id from s.cheapest order by id;
select n from s.item_count;
select id, name from tag order by id;
