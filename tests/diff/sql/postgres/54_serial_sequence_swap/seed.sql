insert into tally (label) values ('a'), ('b');
insert into gauge (label) values ('c'), ('d');
