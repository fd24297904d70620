insert into s."Account" (id, email, balance, "Region") values (1, 'a@x', 500, 'eu'), (2, 'b@x', 5, null), (7, 'c@x', 200, 'us');
insert into s.payment (account_id, amount) values (1, 10), (7, 20);
refresh materialized view s.rich;
