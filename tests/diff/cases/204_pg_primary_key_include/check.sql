select id, code, coalesce(label, '-') from item order by id;
select id, name, coalesce(color, '-') from tag order by id;
select id, size from box order by id;
