select id, city from shipment order by id;
