local t = require "tide.schema"
return {
  t.table "account" :replicaIdentity 'USING INDEX "account_email_key"' {
    t.col "id"    :integer() :primary(),
    t.col "email" :text() :unique(),
  },
  t.table "member" :replicaIdentity "Nothing" {
    t.col "id"    :integer() :primary(),
    t.col "login" :text(),
  },
}
