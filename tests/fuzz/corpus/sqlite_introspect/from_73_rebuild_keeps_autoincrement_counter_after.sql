create table "item" (
  "id" integer not null constraint "item_pkey" primary key autoincrement,
  "name" varchar(100)
);
