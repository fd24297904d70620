-- The runner from Lua (SPEC 9): tide.open with a table or a tide.lua, static
-- migration lists, joining the caller's transaction, events and errors.
-- Run once per dialect (TIDE_TEST_DIALECT); PostgreSQL from TIDE_TEST_PG_URL.
local tide = require "tide"

local dialect = os.getenv("TIDE_TEST_DIALECT") or "sqlite"
local dir = os.tmpname()
os.remove(dir)
assert(os.execute("mkdir -p " .. dir))

local n = 0
local function fresh_url()
  n = n + 1
  if dialect == "postgres" then
    local base = assert(os.getenv("TIDE_TEST_PG_URL"), "TIDE_TEST_PG_URL is not set")
    local admin = tide.connect(base)
    local db = ("tide_lua_%d_%d"):format(math.random(1e6), n)
    admin:exec("drop database if exists " .. db)
    admin:exec("create database " .. db)
    admin:close()
    return (base:gsub("/[^/]*$", "/" .. db))
  end
  return ("sqlite:%s/db%d.sqlite"):format(dir, n)
end

local function list()
  return {
    { name = "Migration0001_users",
      up = function(m) m:addSql "create table users (id integer primary key, email varchar(100) not null)" end,
      down = function(m) m:addSql "drop table users" end },
    { name = "Migration0002_seed",
      up = function(m)
        m:execute("insert into users (id, email) values (?, ?)", 1, "a@example.org")
        m:log("seeded %d", 1)
      end,
      down = function(m) m:execute("delete from users") end },
  }
end

describe("tide.open (" .. dialect .. ")", function()
  it("runs a static list of migrations: up, pending, executed, down", function()
    local mig <close> = tide.open { url = fresh_url(), migrations = { list = list() } }
    local events = {}
    mig.onEvent = function(ev) events[#events + 1] = ev.kind .. ":" .. (ev.name or "") end
    assert.are.same({ "Migration0001_users", "Migration0002_seed" },
      { mig:pending()[1].name, mig:pending()[2].name })
    local applied = mig:up()
    assert.are.equal(2, #applied)
    assert.are.equal("Migration0002_seed", applied[2].name)
    assert.are.same({}, mig:pending())
    local executed = mig:executed()
    assert.are.equal(2, #executed)
    assert.are.equal("applied", executed[1].status)
    assert.truthy(executed[1].executed_at:match("^%d%d%d%d%-%d%d%-%d%dT"))
    assert.truthy(table.concat(events, " "):find("log:Migration0002_seed", 1, true))
    assert.truthy(table.concat(events, " "):find("migrated:Migration0001_users", 1, true))
    assert.are.equal("a@example.org", mig.db:exec("select email from users")[1].email)
    local reverted = mig:down()
    assert.are.equal("Migration0002_seed", reverted[1].name)
    mig:down { to = 0 }
    assert.are.equal(2, #mig:pending())
  end)

  it("takes up options: only, to, dryRun", function()
    local mig <close> = tide.open { url = fresh_url(), migrations = { list = list() } }
    mig.onEvent = function() end
    assert.are.equal(1, #mig:up { only = "Migration0001_users" })
    local dry = mig:up { dryRun = true }
    assert.are.equal(1, #dry)
    assert.are.equal(1, #mig:pending())
    assert.are.equal(1, #mig:up { to = "Migration0002_seed" })
  end)

  it("raises tide.Error objects naming the migration", function()
    local bad = list()
    bad[2].up = function(m) m:execute("insert into missing_table values (1)") end
    local mig <close> = tide.open { url = fresh_url(), migrations = { list = bad } }
    mig.onEvent = function() end
    local ok, e = pcall(mig.up, mig)
    assert.is_false(ok)
    assert.are.equal(tide.Error, getmetatable(e))
    assert.truthy(tostring(e):find("migration Migration0002_seed failed", 1, true))
    assert.truthy(e.sql:find("missing_table", 1, true))
    assert.are.equal(2, #mig:pending()) -- allOrNothing: the first was rolled back too
    local ok2, e2 = pcall(mig.up, mig, { only = "nope" })
    assert.is_false(ok2)
    assert.truthy(tostring(e2):find("no such migration", 1, true))
  end)

  it("joins a transaction the caller holds", function()
    local db <close> = tide.connect(fresh_url())
    local mig <close> = tide.open { db = db, migrations = { list = list() } }
    mig.onEvent = function() end
    db:exec("create table outside (id integer)")
    db:begin()
    mig:up()
    assert.are.equal(1, db.txdepth)         -- still the caller's
    db:rollback()
    -- the caller rolled back: the migrations are gone with it
    assert.are.equal(2, #mig:pending())
    db:transaction(function() mig:up() end)
    assert.are.same({}, mig:pending())
    assert.is_false(db.closed)
  end)

  it("reads a tide.lua given by path, and rejects bad configurations", function()
    local cfg = dir .. "/tide_" .. n .. ".lua"
    local f = assert(io.open(cfg, "w"))
    f:write(("return { url = %q, migrations = { path = %q } }"):format(fresh_url(), dir .. "/none"))
    f:close()
    local mig = tide.open(cfg)
    local ok, e = pcall(mig.pending, mig)
    assert.is_false(ok)
    assert.truthy(tostring(e):find("does not exist", 1, true))
    mig:close()
    mig:close()
    assert.is_true(mig.closed)
    assert.has_error(function() mig:up() end)
    local ok2, e2 = pcall(tide.open, { migrations = { tablename = "x" } })
    assert.is_false(ok2)
    assert.truthy(tostring(e2):find("did you mean 'migrations.tableName'", 1, true))
  end)
end)

describe("migrations from schema definitions (" .. dialect .. ")", function()
  it("creates, checks and applies a migration from the DSL", function()
    local root = dir .. "/gen" .. n
    assert(os.execute("mkdir -p " .. root .. "/schema"))
    local f = assert(io.open(root .. "/schema/items.lua", "w"))
    f:write([[
      local t = require "tide.schema"
      return t.table "items" {
        t.col "id" :serial() :primary(),
        t.col "label" :varchar(80),
        t.col "price" :numeric(10, 2) :default "0",
      }
    ]])
    f:close()
    local mig <close> = tide.open { url = fresh_url(), schema = root .. "/schema",
                                    migrations = { path = root .. "/migrations" } }
    mig.onEvent = function() end
    assert.is_true(mig:checkMigrationNeeded())
    local sql = mig:createMigration { dump = true }
    assert.truthy(sql:find('create table "items"', 1, true))
    local path = mig:createMigration { name = "items" }
    assert.truthy(path:match("Migration%d+_items%.lua$"))
    assert.is_false(mig:checkMigrationNeeded())
    assert.is_nil(mig:createMigration())
    assert.are.equal(1, #mig:up())
    mig.db:exec("insert into items (label) values (?)", "pen")
    assert.are.equal("pen", mig.db:exec("select label from items")[1].label)
  end)

  it("creates a missing database and refreshes it from the definitions", function()
    local root = dir .. "/fresh" .. n
    assert(os.execute("mkdir -p " .. root .. "/schema"))
    local f = assert(io.open(root .. "/schema/t.lua", "w"))
    f:write('local t = require "tide.schema"\nreturn t.table "thing" { t.col "id" :serial() :primary() }\n')
    f:close()
    local url
    if dialect == "postgres" then
      url = (os.getenv("TIDE_TEST_PG_URL"):gsub("/[^/]*$", "/tide_new_" .. math.random(1e6)))
    else
      url = "sqlite:" .. root .. "/new.db"
    end
    assert.is_true(tide.createDatabase(url))
    assert.is_false(tide.createDatabase(url))
    tide.refreshDatabase { url = url, schema = root .. "/schema" }
    local db <close> = tide.connect(url)
    assert.are.same({}, db:exec("select id from thing"))
    db:exec("insert into thing default values")
    local mig <close> = tide.open { url = url, schema = root .. "/schema" }
    mig:clearDatabase()
    assert.are.same({}, db:exec("select id from thing"))
    assert.truthy(mig:getUpdateSchemaSQL() == "")
    if dialect == "postgres" then
      db:close()
      mig:close()
      local admin = tide.connect(os.getenv("TIDE_TEST_PG_URL"))
      admin:exec("drop database " .. url:match("/([^/]*)$"))
      admin:close()
    end
  end)

  it("refuses a definition that does not hold together, naming it", function()
    local t = require "tide.schema"
    local ok, e = pcall(function()
      return t.table "t" { t.col "a" :integer(), t.index { "missing" } }
    end)
    assert.is_false(ok)                      -- the DSL catches it as it is written
    assert.truthy(tostring(e):find("'missing'", 1, true))
    local check = require("tide.core").checkSchema
    assert.is_true(check(t.table "t" { t.col "a" :integer() }))
    local ok2, e2 = pcall(check, { t.table "t" { t.col "a" :integer() }, t.table "t" { t.col "b" :integer() } })
    assert.is_false(ok2)                     -- the model catches what spans definitions
    assert.truthy(tostring(e2):find("twice", 1, true))
  end)
end)

describe("seeders (" .. dialect .. ")", function()
  it("runs the default seeder or a named one, and says which ran", function()
    local root = dir .. "/seed" .. n
    assert(os.execute("mkdir -p " .. root .. "/seeders"))
    for name, email in pairs { DatabaseSeeder = "a@example.org", UserSeeder = "b@example.org" } do
      local f = assert(io.open(root .. "/seeders/" .. name .. ".lua", "w"))
      f:write(("return { run = function(db, s) db:exec('insert into users (id, email) values (?, ?)', %d, %q) end }\n")
        :format(name == "UserSeeder" and 2 or 1, email))
      f:close()
    end
    local mig <close> = tide.open { url = fresh_url(), migrations = { list = { list()[1] } },
                                    seeder = { path = root .. "/seeders" } }
    mig.onEvent = function() end
    mig:up()
    assert.are.equal("DatabaseSeeder", mig:seed())
    assert.are.equal("UserSeeder", mig:seed "UserSeeder")
    assert.are.equal(2, #mig.db:exec("select id from users"))
    local ok, e = pcall(mig.seed, mig, "Nope")
    assert.is_false(ok)
    assert.truthy(tostring(e):find("seeder 'Nope' not found", 1, true))
  end)
end)

describe("modules: Medusa's db:* (" .. dialect .. ")", function()
  local function write(path, text)
    local f = assert(io.open(path, "w"))
    f:write(text)
    f:close()
  end

  local function project()
    local root = dir .. "/modules" .. n
    for _, m in ipairs { "blog", "shop" } do
      assert(os.execute("mkdir -p " .. root .. "/" .. m .. "/schema"))
    end
    write(root .. "/blog/schema/blog.lua", 'local t = require "tide.schema"\n' ..
      'return t.table "post" { t.col "id" :serial() :primary(), t.col "title" :varchar(100) }\n')
    write(root .. "/shop/schema/shop.lua", 'local t = require "tide.schema"\n' ..
      'return t.table "product" { t.col "id" :serial() :primary() }\n')
    local function module(m)
      return { schema = root .. "/" .. m .. "/schema", migrations = { path = root .. "/" .. m .. "/migrations" } }
    end
    return root, { url = fresh_url(), migrations = { path = root .. "/none" },
                   modules = { blog = module "blog", shop = module "shop" } }
  end

  it("generates, migrates and rolls back per module, as the CLI's db:* do", function()
    local root, config = project()
    local mig <close> = tide.open(config)
    local seen = {}
    mig.onEvent = function(ev)
      if ev.kind == "migrated" then seen[#seen + 1] = ev.module end
    end
    assert.are.equal(tide.configUrl(config), config.url)
    assert.truthy(mig.config.modules.blog and mig.config.modules.shop)

    local generated = mig:generateModules { "blog", "shop" }
    assert.are.equal(2, #generated)
    assert.are.same({ "blog", true }, { generated[1].module, generated[1].changes })
    assert.truthy(generated[1].path:find(root .. "/blog/migrations/Migration", 1, true))
    assert.truthy(generated[2].path:find(root .. "/shop/migrations/Migration", 1, true))
    assert.is_false(mig:generateModules({ "shop" })[1].changes)

    local migrated = mig:migrateModules()       -- every module, by name; no own migrations
    assert.are.same({ "blog", "shop" }, { migrated[1].module, migrated[2].module })
    assert.are.equal(1, #migrated[1].applied)
    assert.are.equal("blog", migrated[1].applied[1].module)
    assert.are.same({ "blog", "shop" }, seen)
    assert.are.same({}, mig.db:exec("select id from post"))
    assert.are.same({}, mig.db:exec("select id from product"))
    assert.are.same({}, mig:migrateModules({ "shop" })[1].applied)

    local reverted = mig:rollbackModules { "blog" }
    assert.are.equal(1, #reverted)
    assert.are.equal(migrated[1].applied[1].name, reverted[1].reverted[1].name)
    assert.are.same({}, mig.db:exec("select id from product"))   -- shop untouched
    assert.has_error(function() mig.db:exec("select id from post") end)
  end)

  it("refuses unknown modules before anything runs, and names the module that failed", function()
    local root, config = project()
    local mig <close> = tide.open(config)
    mig.onEvent = function() end
    local ok, e = pcall(mig.generateModules, mig, { "blog", "nope" })
    assert.is_false(ok)
    assert.are.equal(tide.Error, getmetatable(e))
    assert.truthy(tostring(e):find("unknown module 'nope' (modules in the configuration: blog, shop)", 1, true))
    assert.is_nil(io.popen("ls -d " .. root .. "/blog/migrations 2>/dev/null"):read("l"))
    local ok2, e2 = pcall(mig.rollbackModules, mig)
    assert.is_false(ok2)
    assert.truthy(tostring(e2):find("name at least one module", 1, true))

    mig:generateModules { "blog", "shop" }
    local shop = io.popen("ls " .. root .. "/shop/migrations/Migration*.lua"):read("l")
    write(shop, 'return { up = function(m) m:execute("insert into missing_table values (1)") end }\n')
    local ok3, e3 = pcall(mig.migrateModules, mig)
    assert.is_false(ok3)
    assert.truthy(tostring(e3):find("module shop failed: ", 1, true))
    assert.are.same({}, mig.db:exec("select id from post"))       -- blog, before it, stays done
  end)
end)

describe("cleanup", function()
  it("removes the scratch folder", function() os.execute("rm -rf " .. dir) end)
end)
