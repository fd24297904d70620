select 1;
-- tide:up
