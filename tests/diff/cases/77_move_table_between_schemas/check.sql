select id, label from staging.item order by id;
