select id, name, id = rowid from tag order by id;
select p.name, p.type, p."notnull", p.pk from pragma_table_info('tag') p order by p.cid;
