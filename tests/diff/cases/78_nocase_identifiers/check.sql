select p.id, p.title, u.email, coalesce(u.name, '-') from post p join users u on u.id = p.user_id order by p.id;
select name from sqlite_master where type in ('table', 'index') and name not like 'sqlite_%' and name not like 'tide_%' and name not like 'tag%' order by name;
