insert into account (id, email) values (1, 'a@x'); insert into member (id, login) values (1, 'm');
