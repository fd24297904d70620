select id, kind, ref from binding order by id;
