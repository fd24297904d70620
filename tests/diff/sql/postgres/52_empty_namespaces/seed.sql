insert into kept.item values (1), (2);
