select id, (value).amount, (value).currency from price order by id;
