SELECT 'user', id, email FROM "User" ORDER BY id;
SELECT 'account', id, "ownerId" FROM "Account" ORDER BY id;
