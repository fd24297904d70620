-- A column that becomes generated, rebuilt in place (issue 13).
return { migrations = { columnOrder = "rebuild" } }
