select id, b from sample order by id;
select pg_catalog.pg_sequence_last_value(pg_catalog.pg_get_serial_sequence('sample', 'id'));
