select id, cast(qty as varchar(10)), cast(flag as varchar(10)) from item order by id;
