create table "post" (
  "id" integer not null,
  "author" varchar(50) not null,
  "title" varchar(200) not null,
  "slug" varchar(200) not null,
  "score" integer not null default 0,
  "published" boolean not null default false,
  "created" timestamp,
  constraint "post_pkey" primary key ("id")
);
create index "post_author_created_idx" on "post" ("author", "created");
create index "post_author_top" on "post" ("author", "score" desc);
create index "post_published_created" on "post" ("created") where published;
create index "post_score_idx" on "post" ("score" desc);
create unique index "post_slug_idx" on "post" ("slug");
create index "post_title_idx" on "post" ("title");
create index "post_title_lower" on "post" ((lower(title)));
