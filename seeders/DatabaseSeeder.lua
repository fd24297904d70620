-- The example's default seeder (seeder.defaultSeeder): `tide seeder:run` and
-- `tide migration:fresh --seed` run it. It calls UserSeeder, then gives each
-- seeded user a first order. Idempotent like UserSeeder: an order is added
-- only to a user who has none, so running it twice adds nothing.
return {
  run = function(db, seeder)
    seeder:call("UserSeeder")

    local added = 0
    for _, user in ipairs(db:exec([[
        select id from users
        where email in ('katherine@example.org', 'margaret@example.org', 'edsger@example.org')
          and not exists (select 1 from orders where orders.user_id = users.id)
        order by id]])) do
      local id = db:exec("select coalesce(max(id), 0) + 1 as id from orders")[1].id
      db:exec("insert into orders (id, user_id, total_cents, placed_at) values (?, ?, ?, ?)",
              id, user.id, 1000 + 250 * added, "2026-11-20T12:00:00Z")
      added = added + 1
    end
    seeder:log("%d orders added", added)
  end,
}
