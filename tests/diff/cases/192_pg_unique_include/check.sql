select id, code, coalesce(label, '-') from item order by id;
select id, name, coalesce(color, '-'), size from tag order by id;
