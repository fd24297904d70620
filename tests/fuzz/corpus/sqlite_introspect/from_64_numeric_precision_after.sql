create table "account" (
  "id" integer not null,
  "balance" numeric(14,4) not null,
  "units" numeric(12,0) not null,
  constraint "account_pkey" primary key ("id")
);
