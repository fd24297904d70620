local t = require "tide.schema"
-- REPLICA IDENTITY written as people write it (upper case, a quoted index
-- name): one in one form, spelled once by finish, so drift stays clean
-- (issue 13: it was reported, not carried).
return {
  t.table "account" :replicaIdentity "FULL" {
    t.col "id"    :integer() :primary(),
    t.col "email" :text() :unique(),
  },
  t.table "member" {
    t.col "id"    :integer() :primary(),
    t.col "login" :text(),
  },
}
