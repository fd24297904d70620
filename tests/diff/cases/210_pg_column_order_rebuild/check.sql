select id, name, ticket, mentor_id, note from player order by id;
select id, player_id, points from score order by id;
select id, name from player_names order by id;
-- the identity and the serial go on from where they were
select pg_catalog.pg_sequence_last_value(pg_catalog.pg_get_serial_sequence('player', 'id'));
select pg_catalog.pg_sequence_last_value(pg_catalog.pg_get_serial_sequence('player', 'ticket'));
