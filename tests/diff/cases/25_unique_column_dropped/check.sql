select id, email, coalesce(login, '-') from account order by id;
