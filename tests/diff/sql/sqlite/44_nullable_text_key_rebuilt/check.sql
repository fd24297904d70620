select coalesce(name, '(null)'), value from preference order by name, value;
select name, "notnull", pk from pragma_table_info('preference') order by cid;
