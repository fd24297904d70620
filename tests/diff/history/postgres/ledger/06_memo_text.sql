ALTER TABLE transactions ALTER COLUMN memo TYPE text;
ALTER TABLE "Account" ALTER COLUMN "balance" TYPE numeric(14,2);
