create table t (id int primary key, v bigint);
create view w as select id, v from t;
comment on view w is 'y';
create materialized view mw as select id, v from t;
create view plain as select id, v from t;
comment on column plain.v is 'now a comment';
