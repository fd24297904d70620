-- A tiny game server in plain Lua 5.4 that owns its SQLite database: at
-- start-up it migrates it with migrations bundled in the script (no folder),
-- then serves a few "requests". Run: lua5.4 examples/game_server.lua game.db
-- (with tide's module on LUA_PATH / LUA_CPATH, or installed).
local tide = require "tide"

local path = arg[1] or "game.db"

local migrations = {
  { name = "Migration0001_players",
    up = function(m)
      m:addSql [[create table players (id integer primary key, name text not null unique, score integer not null default 0)]]
    end,
    down = function(m) m:addSql "drop table players" end },
  { name = "Migration0002_matches",
    up = function(m)
      m:addSql [[create table matches (id integer primary key, winner_id integer not null references players(id), played_at text not null)]]
    end,
    down = function(m) m:addSql "drop table matches" end },
  { name = "Migration0003_levels",
    up = function(m)
      m:addSql [[alter table players add column level integer not null default 1]]
      for row in m:query("select id, score from players") do      -- a data transform
        m:execute("update players set level = ? where id = ?", 1 + row.score // 100, row.id)
      end
    end,
    down = function(m) m:addSql "alter table players drop column level" end },
}

-- start-up: bring the database up to date, quietly
local mig = tide.open { url = "sqlite:" .. path, migrations = { list = migrations } }
mig.onEvent = function() end
local applied = mig:up()
print(("start-up: %d migration(s) applied, %d pending"):format(#applied, #mig:pending()))
local db = mig.db

-- the server's work, on the same connection
local function join(name)
  db:exec("insert into players (name) values (?) on conflict (name) do nothing", name)
end

local function win(name)
  db:transaction(function(tx)
    local p = tx:exec("select id, score from players where name = ?", name)[1]
    tx:exec("update players set score = score + 50, level = 1 + (score + 50) / 100 where id = ?", p.id)
    tx:exec("insert into matches (winner_id, played_at) values (?, datetime('now'))", p.id)
  end)
end

join("ada"); join("linus"); win("ada"); win("ada"); win("linus")
for row in db:query("select name, score, level from players order by score desc, name") do
  print(("%-6s score %3d level %d"):format(row.name, row.score, row.level))
end
print(("matches played: %d"):format(db:exec("select count(*) as n from matches")[1].n))
mig:close()
