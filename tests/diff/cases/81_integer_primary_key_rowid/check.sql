select id, name, id = rowid from account order by id;
select id, note, id = rowid from entry order by id;
select m.name, p.name, p.type, p."notnull", p.pk from sqlite_master m, pragma_table_info(m.name) p
  where m.name in ('account', 'entry') and p.pk > 0 order by m.name;
