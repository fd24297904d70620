select id, n, touched from item;
