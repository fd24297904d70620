insert into task (id, prio) values (1, 'low'), (2, 'high');
insert into alert (id, level) values (1, 'mid'), (2, null);
