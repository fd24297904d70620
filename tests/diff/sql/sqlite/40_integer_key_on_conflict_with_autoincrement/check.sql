select id, name from job order by id;
select seq from sqlite_sequence where name = 'job';
