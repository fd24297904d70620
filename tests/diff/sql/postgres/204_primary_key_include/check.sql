select id, code, coalesce(label, '-') from item order by id;
select id, name, coalesce(color, '-') from tag order by id;
select id, size, note from box order by id;
select id, a, b from kept order by id;
