insert into account values (1, 'a@x', 3); insert into invoice values (1, 10); insert into audit.entry values (1, 'w');
