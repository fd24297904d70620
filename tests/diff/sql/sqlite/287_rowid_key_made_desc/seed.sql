insert into note values (3, 'three'), (42, 'forty-two'), (7, 'seven');
