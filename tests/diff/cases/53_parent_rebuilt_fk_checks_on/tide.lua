-- Foreign key checks stay on while migrations run: a generated rebuild of a
-- parent table must still not fire ON DELETE CASCADE / SET NULL on its children.
return { migrations = { disableForeignKeys = false } }
