insert into totp (secret) values ('a'), ('b');
insert into note (body) values ('x');
insert into device (name) values ('phone'), ('tablet'), ('watch');
insert into billing.invoice (total) values (5);
