insert into blog.post (id, title, state, body) values (1, 'Hello', 'live', 'x'), (2, 'Draft', 'draft', null);
insert into blog.tag (id, post_id, name) values (1, 1, 'news'), (2, 1, 'misc'), (3, 2, 'news');
