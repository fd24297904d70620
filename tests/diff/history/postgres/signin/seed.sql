INSERT INTO account (email) VALUES ('ada@example.com'), ('bob@example.com');
INSERT INTO grant_rule (account_id) VALUES (1), (2);
INSERT INTO totp (account_id, secret) VALUES (1, '\x01'), (2, '\x02');
