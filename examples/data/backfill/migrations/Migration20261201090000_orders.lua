-- The table the backfill example fills: orders with a quantity and a unit
-- price, and two columns added later that old rows do not have yet.
return {
  up = function(m)
    m:execute [[create table orders (
      id integer primary key,
      quantity integer not null,
      unit_cents integer not null,
      email varchar(255) not null,
      total_cents integer null,
      email_normalized varchar(255) null)]]
    for i = 1, 2500 do
      m:execute("insert into orders (id, quantity, unit_cents, email) values (?, ?, ?, ?)",
                i, i % 7 + 1, 250 + i % 40, ("  Customer%d@Example.COM "):format(i % 300))
    end
  end,
  down = function(m) m:execute "drop table orders" end,
}
