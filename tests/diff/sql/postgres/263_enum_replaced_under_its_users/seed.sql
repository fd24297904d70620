insert into person values (1, 'happy', '{happy}'), (2, 'happy', null);
