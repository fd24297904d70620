insert into task values (1, false, 'ann');
