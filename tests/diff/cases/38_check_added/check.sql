select id, cast(price * 100 as integer), qty, code from item order by id;
