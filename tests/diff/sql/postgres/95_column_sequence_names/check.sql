insert into totp (secret) values ('c') returning id;
insert into note (body) values ('y') returning id;
insert into device (name) values ('laptop') returning id;
