select a.email, i.amount from account a, invoice i;
