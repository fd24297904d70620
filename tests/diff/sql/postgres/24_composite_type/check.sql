select count(*) from shape;
