select id, name from "Users" order by id;
