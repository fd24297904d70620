local t = require "tide.schema"
-- SQLite ignores the case of identifiers: the definitions below (after.lua)
-- spell every table, column, index and foreign key target in lowercase, the
-- database keeps its spelling, and nothing is planned for them.
return {
  t.table "USERS" {
    t.col "ID"    :integer()    :primary(),
    t.col "Email" :varchar(100),
    t.col "Name"  :text()       :nullable(),
    t.index { "Email", unique = true },
    t.index { "Name", name = "IX_Users_Name" },
  },
  t.table "Post" {
    t.col "Id"      :integer() :primary(),
    t.col "User_Id" :integer() :references("USERS", "ID"),
    t.col "Title"   :text(),
    t.index { "User_Id" },
  },
}
