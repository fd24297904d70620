select name, tbl_name from sqlite_master where type = 'trigger' order by name;
select id, name, price from item order by id;
select item_id, what from audit order by id;
