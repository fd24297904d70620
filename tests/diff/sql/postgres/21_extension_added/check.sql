select id, email from account where email = 'ann@example.org';
