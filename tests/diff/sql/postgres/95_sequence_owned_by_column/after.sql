create sequence ticket_seq start with 100;
create table ticket (id integer primary key, legacy_no bigint);
alter sequence ticket_seq owned by ticket.legacy_no;
