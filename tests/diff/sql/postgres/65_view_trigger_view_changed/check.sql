insert into recent_note values (2, 'through the view', '2024-05-05');
select id, body from note order by id;
