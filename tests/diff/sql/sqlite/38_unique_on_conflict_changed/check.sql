select id, serial, label from device order by id;
