select id, at, value from measurement_2024;
