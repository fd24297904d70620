insert into library values (1, 'mine');
insert into item values (1, 1, 'kept'), (2, 7, 'its library is gone');
insert into note values (1, 1, 'fine', 3), (2, 2, 'on the orphan', 4);
