create table "item" (
  "id" integer not null,
  "val" bigint not null,
  "opt" bigint,
  constraint "item_pkey" primary key ("id")
);
