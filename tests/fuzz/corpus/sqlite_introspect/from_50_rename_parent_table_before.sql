create table "author" (
  "id" integer not null,
  "name" text not null,
  constraint "author_pkey" primary key ("id")
);
create table "book" (
  "id" integer not null,
  "author_id" integer not null,
  "title" text not null,
  constraint "book_pkey" primary key ("id"),
  constraint "book_author_id_fkey" foreign key ("author_id") references "author" ("id") on delete cascade
);
