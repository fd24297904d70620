insert into tally (id, label) values (1, 'a'), (2, 'b');
insert into gauge (id, label) values (1, 'c'), (2, 'd');
