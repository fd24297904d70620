create table "order" (
  "id" integer not null constraint "order_pkey" primary key autoincrement,
  "select" integer not null default 0,
  "a.b" text collate nocase,
  "it's" text not null default 'it''s',
  "mood" "mo""od it's" text,
  constraint "u'niq ue" unique ("a.b"),
  constraint "chk.dot ""x""" check ("select" >= 0),
  constraint "order_mood_enum" check ("mood" in ('it''s', '"q"', '日本'))
);
create table [us er] (`id` integer primary key, "user" integer references "order" ("id") on delete cascade deferrable initially deferred, x numeric(10, 2) default (1 + 2));
create unique index "idx ""q"" 1" on "order" ("select" desc, lower("a.b")) where "select" > 0;
create table t2 (a, b, primary key (a, b)) without rowid;
