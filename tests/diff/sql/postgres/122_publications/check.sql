select a.email, a.score, i.amount, e.what from account a, invoice i, audit.entry e;
