-- An enum declared with no values yet (PostgreSQL takes CREATE TYPE ... AS
-- ENUM (), an application adds the values later), as schema:inspect writes
-- it back: :enum(name, {}).
local t = require "tide.schema"
return t.table "grant_rule" {
  t.col "id"         :integer() :primary(),
  t.col "permission" :enum("permission", {}) :nullable(),
}
