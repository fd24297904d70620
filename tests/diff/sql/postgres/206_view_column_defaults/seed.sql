insert into item values (1, 'a', 2), (2, null, null);
insert into memo values (1, 'x');
