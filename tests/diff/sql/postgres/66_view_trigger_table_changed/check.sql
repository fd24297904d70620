insert into recent_note values (2, 'through the view');
select id, body from note order by id;
