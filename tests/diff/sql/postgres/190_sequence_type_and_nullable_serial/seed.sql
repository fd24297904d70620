insert into d (t) values ('a'); insert into f (id) values (1);
