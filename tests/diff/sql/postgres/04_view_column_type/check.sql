select id, balance from rich order by id;
