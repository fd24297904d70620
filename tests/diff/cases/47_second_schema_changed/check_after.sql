select p.id, p.headline, p.state, t.name from blog.article p join blog.tag t on t.post_id = p.id order by t.id;
