select id from kept.item order by id;
