insert into doc values (2, 'new', null);
select id, updated_at is not null from doc order by id;
