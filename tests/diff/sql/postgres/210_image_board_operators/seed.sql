insert into posts (md5, tag_string, rating) values ('0123456789abcdef0123456789abcdef', 'a b', 's'), ('fedcba9876543210fedcba9876543210', 'c', 'e');
insert into tags (name, post_count) values ('a', 1), ('b', 1), ('c', 1);
insert into favorites (user_id, post_id) values (7, 1);
