select p.id, p.md5, p.tag_string, p.rating, f.user_id from posts p left join favorites f on f.post_id = p.id order by p.id;
