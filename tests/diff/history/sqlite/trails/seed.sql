INSERT INTO `Trail` (`name`, `lengthKm`, `region`) VALUES ('Ridge Loop', 12.5, 'north'), ('Lake Path', 4.0, NULL);
