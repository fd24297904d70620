select id, title, published, typeof(published), listed from post order by id;
