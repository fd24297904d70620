select nextval('ticket_no');
select nextval('invoice_no');
insert into voltage (label) values ('first') returning reading;
insert into badge (holder) values ('ada') returning id;
