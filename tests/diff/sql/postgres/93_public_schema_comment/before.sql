-- The default namespace's comment: set, where public keeps the one
-- initdb gives it before; taken back to that one on the way back.
create table ledger (id integer primary key, memo text);
