insert into packs values ('a', 2, 'one', 1), ('b', 1, 'two', 2);
