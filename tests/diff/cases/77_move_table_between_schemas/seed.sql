insert into staging.item (label) values ('a'), ('b');
