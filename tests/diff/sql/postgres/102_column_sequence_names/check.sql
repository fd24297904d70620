insert into totp (secret) values ('c') returning id;
insert into note (body) values ('y') returning id;
insert into device (name) values ('laptop') returning id;
insert into billing.invoice (total) values (6) returning id;
