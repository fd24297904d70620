create table t (id int primary key, a bigint default bigint '2', e date default '2020-01-01',
                n numeric default '1.50'::numeric, s varchar(10) default 'x'::text);
