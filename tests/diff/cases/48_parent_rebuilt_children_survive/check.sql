select a.id, a.name, b.id, b.title from author a join book b on b.author_id = a.id order by b.id;
select id, coalesce(book_id, 0), stars from review order by id;
