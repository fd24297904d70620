-- migration:lint from Lua (mig:lint): findings as tables, names and all,
-- migrations from a static list (linted through the dry run only) and
-- errors raised for names matching nothing. Run once per dialect
-- (TIDE_TEST_DIALECT); PostgreSQL from TIDE_TEST_PG_URL.
local tide = require "tide"

local dialect = os.getenv("TIDE_TEST_DIALECT") or "sqlite"
local dir = os.tmpname()
os.remove(dir)
assert(os.execute("mkdir -p " .. dir))

local function fresh_url()
  if dialect == "postgres" then
    local base = assert(os.getenv("TIDE_TEST_PG_URL"), "TIDE_TEST_PG_URL is not set")
    local admin = tide.connect(base)
    local db = ("tide_lint_lua_%d"):format(math.random(1e6))
    admin:exec("drop database if exists " .. db)
    admin:exec("create database " .. db)
    admin:close()
    return (base:gsub("/[^/]*$", "/" .. db))
  end
  return ("sqlite:%s/lint.sqlite"):format(dir)
end

local init = { name = "Migration0001_init",
  up = function(m)
    m:addSql "create table users (id integer primary key, email varchar(100) not null, phone text)"
    m:execute("insert into users (id, email, phone) values (?, ?, ?)", 1, "a@example.org", "1")
  end }
local drop = { name = "Migration0002_drop",
  up = function(m)
    m:addSql("alter table users drop column " .. "phone")    -- built at run time: only a run sees it
    m:addSql "alter table users add column age integer not null"
  end }

describe("mig:lint (" .. dialect .. ")", function()
  local url = fresh_url()

  it("lints what pending list migrations send, and rolls it back", function()
    local first <close> = tide.open { url = url, migrations = { list = { init } } }
    first:up()
    local mig <close> = tide.open { url = url, migrations = { list = { init, drop } } }
    local findings = mig:lint()
    local rules = {}
    for _, f in ipairs(findings) do rules[#rules + 1] = f.rule .. "@" .. f.statement end
    assert.are.equal("column-dropped@1", rules[1])
    local f = findings[1]
    assert.are.equal("Migration0002_drop", f.migration)
    assert.are.equal("error", f.severity)
    assert.are.equal("alter table users drop column phone", f.sql)
    assert.truthy(f.message:find("users.phone", 1, true))
    assert.truthy(#f.fix > 0)
    local nn
    for _, x in ipairs(findings) do if x.rule == "not-null-without-default" then nn = x end end
    assert.is_not_nil(nn, "the NOT NULL column is reported")
    assert.are.equal("error", nn.severity)                        -- users has a row
    local db <close> = tide.connect(url)
    local phones = 0
    for row in db:query("select phone from users") do phones = phones + (row.phone and 1 or 0) end
    assert.are.equal(1, phones)                                     -- the dry run rolled back
    assert.are.equal(1, #mig:pending())
  end)

  it("takes names and all; a name matching nothing raises", function()
    local mig <close> = tide.open { url = url, migrations = { list = { init, drop } } }
    local init_findings = mig:lint { names = { "Migration0001_init" } }   -- executed: no file to read
    assert.are.equal(1, #init_findings)
    assert.are.equal("partial-lint", init_findings[1].rule)
    assert.are.equal("info", init_findings[1].severity)
    assert.is_true(#mig:lint { all = true } >= 2)
    local ok, e = pcall(mig.lint, mig, { names = { "Migration9_nope" } })
    assert.is_false(ok)
    assert.truthy(tostring(e):find("no such migration", 1, true))
    local empty = mig:lint { names = {} }
    assert.is_true(#empty >= 1)                                     -- no names: the pending ones
  end)
end)

describe("cleanup", function()
  it("removes the scratch folder", function() os.execute("rm -rf " .. dir) end)
end)
