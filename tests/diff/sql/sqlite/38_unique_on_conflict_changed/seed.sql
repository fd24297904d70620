insert into device (serial, label) values ('A-1', 'kitchen'), ('B-2', null);
insert into device (serial, label) values ('A-1', 'ignored: the first row stays');
