insert into member values (1, 'ann', nextval('member_no'));
