-- tide:up
select 1;
-- tide:up
