insert into membership (user_id, group_id, role) values (1, 1, 'owner'), (1, 2, 'member'), (2, 1, 'member');
