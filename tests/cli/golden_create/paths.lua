-- paths.lua: definitions for tests/cli/golden_create.sh that take each path
-- of a t.table call while a folder loads: straight into the model from C
-- column builders (src/lua/model_lua.c's early_table), and the Lua path
-- (a table option, a column turned into its Lua shadow by a rarer method,
-- an enum), with the same columns written both ways.
local t = require "tide.schema"
local id = t.col "id" :serial() :primary()          -- one builder in several tables
local late = t.col "late" :integer()
local tables = {
  t.table "org" {
    id,
    t.col "name" :varchar() :unique(),
    t.col "code" :char() :default "'x'",
    t.col "code2" :char(2.0) :nullable(),
    t.col "ratio" :numeric() :default(1.5),
    t.col "amount" :numeric(10) :default(-3),
    t.col "price" :numeric(12.0, 2) :nullable(false) :default(0),
    t.col "flag" :boolean() :default(true) :nullable(),
    t.col "big" :bigint() :default(7),
  },
  t.table "account" :comment "a table comment, C path" {
    t.col "id" :integer() :primary() :comment "a column comment",
    t.col "a" :integer() :references("org", "id", { onDelete = "setNull", onUpdate = " CASCADE " }),
    t.col "b" :integer() :references("org", { onDelete = "no_action" }) :nullable(),
    t.col "c" :integer() :references("org", nil, { onUpdate = "set  default", onDelete = "noAction" }),
  },
  t.table "account_named" {                           -- an option the C builder leaves to Lua
    t.col "d" :integer() :references("org", "id", { onDelete = "restrict", name = "account_d_org" }),
  },
  t.table "member" {
    t.index { "org_id", "joined desc" },     -- an item before the columns
    t.col "org_id" :integer() :references("org"),
    t.col "user_id" :bigint() :references("org", "id") :unique(),
    t.col "joined" :timestamptz() :default "now()",
    t.col "note" :text() :nullable(),
    t.col "blob" :blob() :nullable(),
    t.primary { "org_id", "user_id" },
    t.unique { "note", name = "member_note_key" },
    t.foreign { "org_id", table = "org", columns = { "id" }, onDelete = "cascade" },
    t.check("member_joined", "joined is not null"),
  },
  t.table "member_slow" :comment "the same, by the Lua path (a rarer method)" {
    t.index { "org_id", "joined desc" },
    t.col "org_id" :integer() :references("org"),
    t.col "user_id" :bigint() :references("org", "id") :unique(),
    t.col "joined" :timestamptz() :default "now()",
    t.col "note" :text() :nullable() :ignoreChanges { "default" },
    t.col "blob" :blob() :nullable(),
    t.primary { "org_id", "user_id" },
    t.unique { "note", name = "member_slow_note_key" },
    t.foreign { "org_id", table = "org", columns = { "id" }, onDelete = "cascade" },
    t.check("member_slow_joined", "joined is not null"),
  },
  t.table "shadowed" {
    id,
    t.col "a" :integer() :comment "a column made a shadow",
    t.col "b" :varchar(20) :references("org", "name", { onDelete = "set null" }),
    t.col "c" :smallint() :unique "shadowed_c_key",
    t.col "d" :double() :default(2) :nullable(),
    t.col "e" :type "real",
  },
  t.table "twice" { id, t.col "x" :uuid() :nullable(), late },
}
late:nullable()                                       -- after its table: the definition had it
return tables
