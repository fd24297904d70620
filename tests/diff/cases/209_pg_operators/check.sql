select id, at from place order by at;
