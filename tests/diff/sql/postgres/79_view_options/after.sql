-- security_barrier toggled on and off, security_invoker added, and options
-- beside a check option (both kept in reloptions)
create table acct (id integer primary key, owner text, balance integer);
create view acct_public with (security_barrier = true) as select id, owner from acct;
create view acct_mine as select id, balance from acct where owner = current_user;
create view acct_rich with (security_invoker = true, security_barrier = true) as
  select id, owner from acct where balance > 1000 with local check option;
