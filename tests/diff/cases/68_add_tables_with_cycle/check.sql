select id from anchor order by id;
