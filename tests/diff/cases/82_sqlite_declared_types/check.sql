select id, hex(blob), label, flag, price, at is not null from item order by id;
select p.cid, p.name, p.type, p."notnull", p.dflt_value, p.pk from pragma_table_info('item') p
  where p.name <> 'code' order by p.cid;
