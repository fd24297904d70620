-- A column added mid-table is placed there: the table is rebuilt (issue 13).
return { migrations = { columnOrder = "rebuild" } }
