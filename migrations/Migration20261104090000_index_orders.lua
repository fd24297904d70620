-- An index built outside a transaction: on PostgreSQL CREATE INDEX
-- CONCURRENTLY cannot run inside one, and takes no long write lock.
return {
  transactional = false,

  up = function(m)
    local concurrently = m.db.dialect == "postgres" and "concurrently " or ""
    m:addSql("create index " .. concurrently .. "orders_user_placed on orders (user_id, placed_at)")
  end,

  down = function(m)
    m:addSql [[drop index orders_user_placed]]
  end,
}
