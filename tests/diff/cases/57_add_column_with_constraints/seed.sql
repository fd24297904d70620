insert into org (id, name) values (1, 'acme');
insert into member (id, name) values (1, 'Ann'), (2, 'Bert');
