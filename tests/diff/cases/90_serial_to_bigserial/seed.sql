insert into event (name) values ('a'), ('b');
