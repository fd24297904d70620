select id from t;
