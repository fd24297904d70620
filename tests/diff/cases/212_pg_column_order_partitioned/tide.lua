-- A partitioned table is not rebuilt: its column goes last, said by name.
return { migrations = { columnOrder = "rebuild" } }
