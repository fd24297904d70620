create table "Order" ("Id" serial primary key, "Note" text);
