select id, email, balance, "Region" from s."Account" order by id;
select id, account_id, amount from s.payment order by id;
select id, balance from s.rich order by id;
select pg_catalog.pg_sequence_last_value(pg_catalog.pg_get_serial_sequence('s."Account"', 'id')) is null;
