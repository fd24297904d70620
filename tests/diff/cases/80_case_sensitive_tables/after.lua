local t = require "tide.schema"
-- PostgreSQL's quoted identifiers keep their case: "Users" and users are
-- two tables, and "Users" keeps its rows
return {
  t.table "Users" {
    t.col "id"   :integer() :primary(),
    t.col "name" :text(),
  },
  t.table "users" {
    t.col "id"    :integer() :primary(),
    t.col "email" :text(),
  },
}
