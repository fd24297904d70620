select id, email, age from account order by id;
