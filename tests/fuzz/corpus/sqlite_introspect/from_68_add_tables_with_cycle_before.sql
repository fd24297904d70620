create table "anchor" (
  "id" integer not null,
  constraint "anchor_pkey" primary key ("id")
);
