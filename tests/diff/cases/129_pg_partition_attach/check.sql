select sensor, taken_on, unit from reading_archive;
