-- every kind of name in mixed case, kept as the catalog spells it: a
-- domain "Name" is not the built-in type name
create schema "Sales";
create domain "Name" as text check (length(value) > 0);
create type "Point2" as (x float8, y float8);
create type "Mood" as enum ('Happy', 'sad');
create sequence "Ticket_Seq" start 100;
create table "Order" ("Id" serial primary key, "Note" text, "CustomerName" "Name", "Where" "Point2",
  "Mood" "Mood", "Ticket" int default nextval('"Ticket_Seq"'),
  constraint "Order_Note_CHK" check ("Note" <> ''));
create index "Order_Customer_IDX" on "Order" ("CustomerName");
create table "Sales"."Invoice" ("InvoiceId" int primary key, "OrderId" int references "Order" ("Id"));
create function "Sales"."TotalOf"(o int) returns int language sql as 'select o';
create view "Sales"."InvoiceView" as select "InvoiceId", "OrderId" from "Sales"."Invoice";
