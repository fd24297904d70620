select id, cast(balance * 100 as integer), units from account order by id;
