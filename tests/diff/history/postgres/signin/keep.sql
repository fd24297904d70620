SELECT 'account', id, email FROM account ORDER BY id;
SELECT 'grant', id, account_id FROM grant_rule ORDER BY id;
SELECT 'totp', id, account_id FROM totp ORDER BY id;
