select id, v from t order by id;
