select id, name from member order by id;
select id, name from org order by id;
