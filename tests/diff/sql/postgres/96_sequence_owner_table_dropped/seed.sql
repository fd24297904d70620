select nextval('invoice_no');
select nextval('invoice_no');
insert into invoice values (1);
