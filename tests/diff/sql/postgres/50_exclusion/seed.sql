insert into booking values (1, 1, '[2026-01-01 10:00, 2026-01-01 11:00)', false), (2, 1, '[2026-01-01 10:30, 2026-01-01 11:30)', true);
insert into slot values (1, '[1,5)'), (2, '[5,9)');
