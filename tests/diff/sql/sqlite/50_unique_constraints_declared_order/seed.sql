insert into account (zone, alias, owner) values ('eu', 'a', 1), ('us', 'b', 1), ('ap', null, 2);
