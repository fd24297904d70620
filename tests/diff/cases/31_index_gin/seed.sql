insert into doc (id, body, tags) values (1, '{"title": "hello world"}', '{a,b}'), (2, '{"title": "other"}', '{}');
