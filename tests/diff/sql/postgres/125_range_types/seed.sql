insert into booking (id, score, label) values (1, '[1.5,2.5)', 'a');
