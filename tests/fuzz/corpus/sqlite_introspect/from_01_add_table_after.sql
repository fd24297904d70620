create table "author" (
  "id" integer not null constraint "author_pkey" primary key autoincrement,
  "name" varchar(100) not null
);
create table "book" (
  "id" integer not null constraint "book_pkey" primary key autoincrement,
  "author_id" integer not null,
  "title" varchar(200) not null default 'untitled',
  "isbn" char(13),
  "price" numeric(10,2),
  "in_print" boolean not null default true,
  "published" date,
  constraint "book_isbn_key" unique ("isbn"),
  constraint "book_price_positive" check (price > 0),
  constraint "book_author_id_fkey" foreign key ("author_id") references "author" ("id")
);
create index "book_title_idx" on "book" ("title");
