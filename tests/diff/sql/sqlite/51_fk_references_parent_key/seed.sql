insert into client values ('c1', 'One'), ('c2', 'Two'); insert into logo values ('c1', x'00'), ('c2', x'0102');
