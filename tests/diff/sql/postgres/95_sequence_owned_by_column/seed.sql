insert into ticket values (1, nextval('ticket_seq')), (2, nextval('ticket_seq'));
