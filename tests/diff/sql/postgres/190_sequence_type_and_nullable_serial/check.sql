select id, t from d;
