create table event (id integer primary key, kind text not null, score integer not null);
create view scored as select id, kind, score from event where score > 0;
create view top_scored as select kind, max(score) as best from scored group by kind;
