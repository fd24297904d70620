select a.id, a.email, i.code, m.login, s.v from account a, invoice i, member m, setting s;
