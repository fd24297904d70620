insert into s.thing (id, price) values (1, 5), (2, 50), (3, 1);
insert into note (id, body) values (1, 'one'), (2, 'two');
refresh materialized view thing_total;
