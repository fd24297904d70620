insert into vehicle (id, make) values (1, 'volvo'), (2, 'fiat');
