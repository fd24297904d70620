insert into region values ('eu'), ('us');
