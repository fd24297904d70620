select id, name from member order by id;
select nextval('member_no');
