create table voucher (id integer primary key, code text, batch integer, owner text);
create unique index voucher_code on voucher (code) nulls not distinct;
create unique index voucher_batch on voucher (batch, owner);
create unique index voucher_owner on voucher (owner) include (code) nulls not distinct;
