-- Defaults the server keeps with a cast of their own ('2'::bigint for
-- bigint '2', '2020-01-01'::date): the model compares them as the literal,
-- and a plan made from a live database wrote the literal (2), which the
-- server keeps as another text: pg_dump differed (sqldef's case). A plan to
-- a live database's schema now writes them as that server printed them.
create table t (id int primary key, a bigint, e date);
