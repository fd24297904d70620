select sensor, taken, value from reading order by taken;
