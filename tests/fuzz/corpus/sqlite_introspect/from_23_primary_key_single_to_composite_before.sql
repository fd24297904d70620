create table "tag" (
  "name" varchar(30) not null,
  "lang" varchar(5) not null default 'en',
  "label" text not null,
  constraint "tag_pkey" primary key ("name")
);
