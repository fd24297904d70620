insert into account (id, email) values (1, 'a@x'); insert into invoice (id, amount) values (1, 5);
