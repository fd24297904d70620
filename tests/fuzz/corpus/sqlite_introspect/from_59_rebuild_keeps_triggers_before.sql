create table "audit" (
  "id" integer not null,
  "item_id" integer not null,
  "what" text not null,
  constraint "audit_pkey" primary key ("id")
);
create table "item" (
  "id" integer not null,
  "name" varchar(20) not null,
  "price" integer not null,
  constraint "item_pkey" primary key ("id")
);
