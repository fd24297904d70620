select id, name from item order by id;
select count(*) from sqlite_master where type = 'index' and tbl_name = 'item' collate nocase;
select name from sqlite_master where type = 'trigger' order by name;
select 'ok';
