-- tide:no-transaction
-- tide:up
create index concurrently i on t (a);
-- tide:down
drop index i;
