insert into account (id, email, login) values (1, 'a@x', 'ann'), (2, 'b@x', null), (3, 'c@x', null);
