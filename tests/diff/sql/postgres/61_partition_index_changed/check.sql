select id, region, status from ticket order by id;
