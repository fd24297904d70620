select id, code, coalesce(kind, '-'), coalesce(note, '-') from item order by id;
select id, at from ev order by id;
