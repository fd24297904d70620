insert into ticket (id, status, prio) values (1, 'open', 'low'), (2, 'closed', null), (3, 'open', 'high');
