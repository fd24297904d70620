-- A standalone sequence comes to be owned (OWNED BY, made by hand) by a
-- column whose default does not take it: the ownership is carried (alter
-- sequence ... owned by), and removed again on the way back (owned by none).
create sequence ticket_seq start with 100;
create table ticket (id integer primary key, legacy_no bigint);
