select s.double_it(21), s.total();
select id from note order by id;
