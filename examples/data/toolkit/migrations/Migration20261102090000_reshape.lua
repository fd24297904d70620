local t = require "tide.schema"

return {
  up = function(m)
    -- shape: the same calls on SQLite (rebuilding tables where it must) and PostgreSQL
    m:renameColumn("product", "title", "name")
    m:addColumn("product", t.col "sku" :varchar(40) :nullable())
    m:createIndex("product", t.index { "sku" })

    -- "12.50" -> 1250, converted in Lua row by row; a price that is not one
    -- stops the migration naming the row, before the column is touched
    m:changeColumnType{ table = "product", column = "price", to = "integer",
      using = function(price)
        local units, cents = price:match("^(%d+)%.(%d%d)$")
        if not units then error("not a price: " .. price) end
        return tonumber(units) * 100 + tonumber(cents)
      end }
    m:renameColumn("product", "price", "price_cents")

    -- the enum: a value renamed in place, then the type replaced with a mapping
    m:renameEnumValue("product_state", "active", "on_sale")
    m:replaceEnum{ type = "product_state", values = { "draft", "on_sale", "archived" },
                   map = { new = "draft", retired = "archived" } }
  end,
  down = function(m)
    m:replaceEnum{ type = "product_state", values = { "new", "on_sale", "retired" },
                   map = { draft = "new", archived = "retired" } }
    m:renameEnumValue("product_state", "on_sale", "active")
    m:renameColumn("product", "price_cents", "price")
    m:changeColumnType{ table = "product", column = "price", to = "text",
      using = function(cents) return string.format("%d.%02d", cents // 100, cents % 100) end }
    m:dropIndex("product", "product_sku_idx")
    m:dropColumn("product", "sku")
    m:renameColumn("product", "name", "title")
  end,
}
