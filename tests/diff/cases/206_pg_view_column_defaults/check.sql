select id, coalesce(status, '-'), coalesce(qty, -1) from item order by id;
select id, note from memo order by id;
