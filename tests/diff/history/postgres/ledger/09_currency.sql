CREATE DOMAIN currency_code AS char(3) CHECK (VALUE ~ '^[A-Z]{3}$');
ALTER TABLE "Account" ADD COLUMN currency currency_code NOT NULL DEFAULT 'EUR';
