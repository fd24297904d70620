begin;
insert into item (name) values ('new');
select id, name from item where name <> 'new' order by id;
select case when (select id from item where name = 'new') > 2 then 'ok' else 'no id from the sequence' end;
rollback;
