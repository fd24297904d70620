insert into shirt values (1, 'ok', 'red', 'm');
