-- A data transform: full_name becomes first_name + last_name, row by row in
-- Lua, with the rows read through m:query and written through m:execute.
return {
  up = function(m)
    m:addSql [[alter table users add column first_name varchar(100) not null default '']]
    m:addSql [[alter table users add column last_name varchar(100) not null default '']]

    local rows = {}
    for row in m:query("select id, full_name from users order by id") do
      rows[#rows + 1] = row
    end
    local progress = m:progress(#rows)
    for _, row in ipairs(rows) do
      local first, last = row.full_name:match("^(%S+)%s+(.+)$")
      m:execute("update users set first_name = ?, last_name = ? where id = ?",
                first or row.full_name, last or "", row.id)
      progress:step()
    end
    m:log("split the names of %d users", #rows)
  end,

  down = function(m)
    m:addSql [[alter table users drop column last_name]]
    m:addSql [[alter table users drop column first_name]]
  end,
}
