create table "item" (
  "id" integer not null,
  "name" text,
  "qty" integer default 0,
  constraint "item_pkey" primary key ("id")
);
