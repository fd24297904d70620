-- A column dropped and another added in its place: rebuilt (issue 13).
return { migrations = { columnOrder = "rebuild" } }
