-- Users of the example shop (after the migrations, users has id, full_name,
-- first_name, last_name and a unique email). Idempotent: a user whose email
-- is there already is left alone, so `tide seeder:run` can run again and
-- again. Ids are chosen here (max + 1): on PostgreSQL `integer primary key`
-- has no default, on SQLite it would take the next rowid anyway.
local users = {
  { "Katherine", "Johnson", "katherine@example.org" },
  { "Margaret", "Hamilton", "margaret@example.org" },
  { "Edsger", "Dijkstra", "edsger@example.org" },
}

return {
  run = function(db, seeder)
    local added = 0
    for _, u in ipairs(users) do
      local first, last, email = u[1], u[2], u[3]
      if #db:exec("select id from users where email = ?", email) == 0 then
        local id = db:exec("select coalesce(max(id), 0) + 1 as id from users")[1].id
        db:exec("insert into users (id, full_name, first_name, last_name, email) values (?, ?, ?, ?, ?)",
                id, first .. " " .. last, first, last, email)
        added = added + 1
      end
    end
    seeder:log("%d users added, %d there already", added, #users - added)
  end,
}
