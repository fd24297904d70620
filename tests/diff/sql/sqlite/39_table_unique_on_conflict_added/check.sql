select id, sensor, taken_at, value from reading order by id;
select seq from sqlite_sequence where name = 'reading';
