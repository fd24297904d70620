select id, zone from visit order by id;
