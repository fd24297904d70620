-- A view made again because a column it reads changes type, whose comment
-- (or a column's) changes too: the comment was said between the view's
-- drop and its create ("relation w does not exist"), even "is null" when
-- neither side had one. Seen in migra's fixtures (commentswithdep).
create table t (id int primary key, v int);
create view w as select id, v from t;
comment on view w is 'x';
comment on column w.id is 'the key';
create materialized view mw as select id, v from t;
comment on materialized view mw is 'm';
create view plain as select id from t;
