select p.id, p.title, p.state, t.name from blog.post p join blog.tag t on t.post_id = p.id order by t.id;
