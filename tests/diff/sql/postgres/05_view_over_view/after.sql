create table event (id integer primary key, kind varchar(40) not null, score bigint not null);
create view scored as select id, kind, score from event where score > 1;
create view top_scored as select kind, max(score) as best from scored group by kind;
create view top_kinds as select kind from top_scored where best > 10;
