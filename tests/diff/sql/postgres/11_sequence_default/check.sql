insert into purchase (customer_id) values (1);
select no, customer_id from purchase;
