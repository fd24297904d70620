create sequence invoice_no start with 5000;
create table invoice (id integer primary key);
