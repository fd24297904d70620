select id, code, coalesce(label, '-'), coalesce(note, '-') from item order by id;
select id, name, color, size from tag order by id;
