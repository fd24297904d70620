begin;
update seat set id = 3 - id;
commit;
select string_agg(id::text, ',' order by id) from seat;
