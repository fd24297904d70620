insert into ticket values (1, 'one'), (7, 'seven');
insert into counter values (3, 'three');
