-- Fills the two new columns of orders in batches. transactional = false:
-- each batch commits on its own with the position reached, so a run killed
-- half-way continues where it stopped (after migration:resolve ... --rolled-back).
return {
  transactional = false,
  up = function(m)
    -- in SQL: one UPDATE per batch of 1000 keys
    m:backfill{ table = "orders", set = { total_cents = "quantity * unit_cents" },
                where = "total_cents is null", batch = 1000 }
    -- in Lua: set(row) returns the new values, or nil to leave the row alone
    m:backfill{ table = "orders", batch = 500, set = function(row)
      local normalized = row.email:lower():gsub("^%s+", ""):gsub("%s+$", "")
      if normalized == row.email_normalized then return nil end
      return { email_normalized = normalized }
    end }
  end,
  down = function(m)
    m:execute "update orders set total_cents = null, email_normalized = null"
  end,
}
