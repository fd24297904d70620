insert into reading (sensor, taken_at, value) values ('t1', 100, 20.5), ('t1', 160, 21.0), ('t2', 100, null);
