select id, price from thing_price order by id;
select n from dear_count;
select id, body from thing_note order by id;
select total from thing_total;
select total from total_again;
