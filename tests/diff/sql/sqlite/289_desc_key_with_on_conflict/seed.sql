insert into setting (seq, name, value) values (1, 'theme', 'dark'), (2, 'lang', 'en'), (1, 'theme', 'light');
insert into pairing (a, b, note) values ('x', 'y', 'first'), ('x', 'z', 'second'), ('x', 'y', 'ignored');
