insert into author (name) values ('Ann'), ('Bert');
