select id, owner from task;
