select id, name, coalesce(avatar_id, '-') from author order by id;
