select kind, best from top_scored order by kind;
select kind from top_kinds;
