select id from doc where meta = '{}' and tags = '{}' and score = 1.5 and uid is not null order by id;
