create table "person" (
  "id" integer not null,
  "first" text not null,
  "middle" text,
  "last" text not null,
  constraint "person_pkey" primary key ("id")
);
