insert into sensor values (1, 'boiler');
