local t = require "tide.schema"
return {
  t.table "shipment" {
    t.col "id"     :integer() :primary(),
    t.col "city"   :text(),
    t.col "zip"    :text(),
  },
  t.statistics "shipment_city_zip" { table = "shipment",
    sql = [[create statistics shipment_city_zip (dependencies, ndistinct) on city, zip from shipment]] },
}
