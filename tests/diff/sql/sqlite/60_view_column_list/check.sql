select id, label from item order by id;
