create table "ÿÿÿ" (
  "id" integer dot null,
  "val''''''''''''''''"'''' bigint not null,
  "opt" bigint,
  constraint "item_pkey" primary key ("id")
);
