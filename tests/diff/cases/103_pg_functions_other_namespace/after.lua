local t = require "tide.schema"
-- Functions of another namespace, written as people write them (issue 13:
-- drift said they were altered; the server spells them its own way).
return {
  t.schema "s",
  t.table "s.thing" {
    t.col "id"    :integer() :primary(),
    t.col "price" :integer(),
  },
  t.func "s.double_it" [[create function s.double_it(x integer) returns integer
    language sql immutable as $$ select x * 2 $$]],
  t.func "s.total" [[create or replace function s.total() returns bigint
    language sql stable as 'select sum(price) from s.thing']],
  t.func "s.touch" [[create function s.touch() returns trigger language plpgsql as $$
    begin new.price := coalesce(new.price, 0); return new; end $$]],
  t.table "note" {
    t.col "id"   :integer() :primary(),
    t.col "body" :text()    :nullable(),      -- the change elsewhere
  },
}
