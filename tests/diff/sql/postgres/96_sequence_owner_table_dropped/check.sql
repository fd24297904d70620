select nextval('invoice_no');
select count(*) from invoice;
