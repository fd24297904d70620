select id, email from account order by id;
