local t = require "tide.schema"

return {
  up = function(m)
    m:createTable(t.table "product" {
      t.col "id" :integer() :primary(),
      t.col "title" :varchar(200),
      t.col "price" :text(),                -- "12.50": a string, for now
      t.col "state" :enum("product_state", { "new", "active", "retired" }) :default("'new'"),
    })
    for i = 1, 30 do
      m:execute("insert into product (id, title, price, state) values (?, ?, ?, ?)",
                i, "product " .. i, string.format("%d.%02d", i, i % 100), i % 3 == 0 and "retired" or "active")
    end
  end,
  down = function(m)
    m:dropTable("product")
  end,
}
