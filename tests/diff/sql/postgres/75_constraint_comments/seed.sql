insert into org values (1, 'acme');
insert into member values (1, 1, 30);
