-- A unique index whose NULLs count as equal (PostgreSQL 15): it becomes
-- so, stops being so, and one is made with INCLUDE columns.
create table voucher (id integer primary key, code text, batch integer, owner text);
create unique index voucher_code on voucher (code);
create unique index voucher_batch on voucher (batch, owner) nulls not distinct;
