-- Kept columns put in another order: the table is rebuilt (issue 13).
return { migrations = { columnOrder = "rebuild" } }
