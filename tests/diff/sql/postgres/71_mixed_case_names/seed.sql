insert into "Order" ("Note") values ('a'), ('b');
