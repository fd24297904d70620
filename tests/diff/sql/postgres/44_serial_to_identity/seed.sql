insert into account (email) values ('a@x'), ('b@x');
insert into audit (what) values ('x'), ('y'), ('z');
