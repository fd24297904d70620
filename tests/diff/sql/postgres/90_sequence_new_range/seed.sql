select nextval('invoice_no');
