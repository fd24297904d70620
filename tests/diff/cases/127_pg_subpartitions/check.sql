select id, day, region from sale;
