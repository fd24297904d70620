-- The comments of the columns of a view (PostgREST's API descriptions), a
-- materialized view, a composite type and a partition: added, changed and
-- removed by COMMENT ON COLUMN; an attribute dropped takes its comment.
create table item (id integer primary key, name text, price numeric);
create view item_names as select id, name from item;
comment on column item_names.id is 'the key';
create type money_pair as (amount numeric, currency text);
comment on column money_pair.currency is 'kept';
comment on column money_pair.amount is 'how much';
create materialized view item_total as select count(*) as n from item;
comment on column item_total.n is 'how many';
create table sale (at date not null, amount numeric) partition by range (at);
create table sale_2026 partition of sale for values from ('2026-01-01') to ('2027-01-01');
comment on column sale_2026.amount is 'this year''s';
