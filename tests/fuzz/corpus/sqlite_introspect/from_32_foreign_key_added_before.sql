create table "author" (
  "id" integer not null,
  "name" text not null,
  constraint "author_pkey" primary key ("id")
);
create table "book" (
  "id" integer not null,
  "author_id" integer,
  "editor_id" integer,
  "title" text not null,
  constraint "book_pkey" primary key ("id")
);
