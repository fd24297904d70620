select id, qty from lot order by id;
