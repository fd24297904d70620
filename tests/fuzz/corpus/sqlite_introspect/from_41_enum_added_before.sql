create table "ticket" (
  "id" integer not null,
  "title" text not null,
  constraint "ticket_pkey" primary key ("id")
);
