create table acct (id integer primary key, owner text, balance integer);
create view acct_public as select id, owner from acct;
create view acct_mine with (security_barrier = true) as select id, balance from acct where owner = current_user;
create view acct_rich as select id, owner from acct where balance > 1000;
