select id, email, coalesce(full_name, '-') from member order by id;
