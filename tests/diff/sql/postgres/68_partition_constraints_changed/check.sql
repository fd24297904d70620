select id, region, amount, ref from payment order by id;
