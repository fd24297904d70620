select id, n, tag, (size).w from box order by id;
