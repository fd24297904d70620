select id, code, coalesce(kind, '-'), coalesce(note, '-') from item order by id;
