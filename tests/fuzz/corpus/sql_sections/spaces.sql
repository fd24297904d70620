/* header
   comment */
-- just a comment

--  TIDE:UP  
select 1;
--tide:down
select 2;
