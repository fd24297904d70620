select b.id, b.title, a.code, a.name from book b join author a on a.code = b.author_code order by b.id;
