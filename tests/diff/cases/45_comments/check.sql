select id, name, coalesce(email, '-') from person order by id;
select id from plain;
