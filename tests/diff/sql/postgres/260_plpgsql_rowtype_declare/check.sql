select id, amount from ledger order by id;
