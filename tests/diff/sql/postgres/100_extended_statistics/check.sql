select id, city, weight from shipment order by id;
