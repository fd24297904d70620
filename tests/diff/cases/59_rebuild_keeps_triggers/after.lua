local t = require "tide.schema"
return {
  t.table "item" {
    t.col "id"    :integer()   :primary(),
    t.col "name"  :varchar(100) :nullable(),
    t.col "price" :bigint()     :default "0",
    t.check("item_price_nonnegative", "price >= 0"),
  },
  t.table "audit" {
    t.col "id"      :integer() :primary(),
    t.col "item_id" :integer(),
    t.col "what"    :text(),
  },
  t.trigger "item_audit_insert" { table = "item", sql = [[create trigger item_audit_insert after insert on item
begin
  insert into audit (item_id, what) values (new.id, 'insert ' || new.name);
end]] },
  t.trigger "item_audit_update" { table = "item", sql = [[create trigger item_audit_update after update of price on item
begin
  insert into audit (item_id, what) values (new.id, 'price ' || new.price);
end]] },
}
