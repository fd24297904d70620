insert into shipment (id, city, zip) values (1, 'Lyon', '69001');
