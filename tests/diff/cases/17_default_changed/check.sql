select id, status, coalesce(qty, -1), case when flag then 'yes' else 'no' end from item order by id;
