begin;
insert into event (item_id) values (2);
select id, name from item order by id;
select case when (select id from event) >= 1 then 'ok' else 'no id' end;
rollback;
