-- `tide run examples/report.lua`: a one-off script with `db` connected per
-- tide.lua. It reads what the example migrations built.
print(("%-10s %-16s %6s %10s"):format("first", "last", "orders", "total"))
for row in db:query([[
  select u.first_name, u.last_name, count(o.id) as n, coalesce(sum(o.total_cents), 0) as cents
  from users u left join orders o on o.user_id = u.id
  group by u.id, u.first_name, u.last_name order by u.id]]) do
  print(("%-10s %-16s %6d %10.2f"):format(row.first_name, row.last_name, row.n, row.cents / 100))
end
