create sequence ticket_no as integer start with 1000 increment by 10 cache 5 cycle maxvalue 100000;
