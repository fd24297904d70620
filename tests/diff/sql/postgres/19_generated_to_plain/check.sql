select id, area from box order by id;
select id from big_box;
