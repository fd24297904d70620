select coalesce(csn, '(null)'), payload from log order by csn, payload;
