insert into job (queue, labels) values ('mail', '["a"]');
insert into ticket (title) values ('one');
insert into archived_ticket (title) values ('old');
