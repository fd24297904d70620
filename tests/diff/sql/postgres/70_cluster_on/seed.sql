insert into visit values (1, now(), '/'); insert into page values (1, '/');
