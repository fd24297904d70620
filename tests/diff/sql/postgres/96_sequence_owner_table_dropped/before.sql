-- The table whose column owns a sequence is dropped while the sequence
-- stays: OWNED BY NONE comes first, or dropping the table would drop the
-- sequence with it (and its position).
create sequence invoice_no start with 5000;
create table invoice_import (id integer primary key, no bigint);
alter sequence invoice_no owned by invoice_import.no;
create table invoice (id integer primary key);
