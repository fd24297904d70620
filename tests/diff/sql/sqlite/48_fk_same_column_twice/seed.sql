insert into media (path) values ('a.png'), ('b.png');
insert into author (name, avatar_id) values ('Ada', 1), ('Bo', 2), ('Cy', null);
