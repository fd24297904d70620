select id, email, age from account where (email = 'ann@EXAMPLE.org' or email = 'BOB@example.org') and address is null order by id;
