select id from account where email = 'ann@example.com' order by id;
select count(*) from account;
