insert into ev (id, at, kind, ref_id) values (1, '2025-03-01', 'a', 1);
insert into ev_old (id, at, kind, ref_id) values (2, '2020-01-01', 'b', 1);
