create table "node" (
  "id" integer not null,
  "parent_id" integer,
  "next_id" integer,
  "label" text not null,
  constraint "node_pkey" primary key ("id"),
  constraint "node_next_id_fkey" foreign key ("next_id") references "node" ("id") on delete set null deferrable initially deferred,
  constraint "node_parent_id_fkey" foreign key ("parent_id") references "node" ("id") deferrable
);
