select id, name from sensor;
