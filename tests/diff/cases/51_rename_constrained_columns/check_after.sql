select b.id, b.title, a.handle, a.full_name from book b join author a on a.handle = b.writer order by b.id;
