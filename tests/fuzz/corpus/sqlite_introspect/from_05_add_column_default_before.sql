create table "item" (
  "id" integer not null constraint "item_pkey" primary key autoincrement,
  "name" text not null
);
