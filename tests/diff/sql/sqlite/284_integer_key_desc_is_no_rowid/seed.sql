insert into log (csn, payload) values (5, 'five'), (100, 'hundred'), (null, 'no key'), (null, 'none either');
