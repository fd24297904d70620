COMMENT ON TABLE transactions IS 'Every booking; amounts are signed';
COMMENT ON COLUMN "User"."displayName" IS 'shown in the app';
COMMENT ON VIEW account_balances IS 'balance per account';
