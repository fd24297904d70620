insert into account (email) values ('c@x') returning id;
insert into audit (what) values ('w') returning id;
