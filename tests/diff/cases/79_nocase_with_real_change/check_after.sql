begin;
insert into item (name) values ('new');
select id, name from item where name <> 'new' order by id;
select count(*) from sqlite_master where type = 'index' and tbl_name = 'item' collate nocase;
select name from sqlite_master where type = 'trigger' order by name;
select case when (select id from item where name = 'new') > 3 then 'ok' else 'the id of a deleted row was reused' end;
rollback;
