insert into shipment values (1, 'Lyon', '69001', 'ARA', 3);
