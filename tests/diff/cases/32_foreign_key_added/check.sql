select b.id, b.title, coalesce(a.name, '-'), coalesce(e.name, '-')
  from book b left join author a on a.id = b.author_id left join author e on e.id = b.editor_id order by b.id;
