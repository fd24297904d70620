insert into node (id, parent_id, next_id, label) values (1, null, 2, 'root'), (2, 1, 3, 'a'), (3, 1, null, 'b');
