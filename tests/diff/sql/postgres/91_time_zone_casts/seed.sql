insert into shift values (1, '08:30:00+02', '17:15:00', '02:45:00');
