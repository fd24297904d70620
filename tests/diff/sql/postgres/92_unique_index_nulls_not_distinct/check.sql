select count(*) from pg_index where indnullsnotdistinct and indrelid = 'voucher'::regclass;
