select id, email, coalesce(name, '-') from member order by id;
