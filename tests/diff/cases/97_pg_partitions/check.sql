select sensor, taken_on, value from reading order by sensor;
