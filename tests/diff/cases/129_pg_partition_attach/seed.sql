insert into reading_archive (sensor, taken_on, unit) values (1, '2020-05-01', 'F');
