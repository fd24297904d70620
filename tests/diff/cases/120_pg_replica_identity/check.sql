select a.email, m.login from account a, member m;
