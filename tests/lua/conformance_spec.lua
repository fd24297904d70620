-- The driver conformance suite: the same expectations of tide.core's database
-- handle on every driver. Run once per dialect (TIDE_TEST_DIALECT); the
-- PostgreSQL run gets its server from TIDE_TEST_PG_URL.
local tide = require "tide"

local dialect = os.getenv("TIDE_TEST_DIALECT") or "sqlite"
local url, dbfile
if dialect == "postgres" then
  url = assert(os.getenv("TIDE_TEST_PG_URL"), "TIDE_TEST_PG_URL is not set")
else
  dbfile = os.tmpname()
  url = "sqlite:" .. dbfile
end

local function connect() return tide.connect(url) end

local function catch(f, ...)
  local ok, e = pcall(f, ...)
  assert.is_false(ok, "expected an error")
  return e
end

describe("driver conformance (" .. dialect .. ")", function()
  local db
  before_each(function()
    db = connect()
    db:script([[
      drop table if exists conf_items;
      drop table if exists conf_other;
      create table conf_items (id integer primary key, name text not null, flag boolean, score real, data ]]
      .. (dialect == "postgres" and "bytea" or "blob") .. [[);
    ]])
  end)
  after_each(function()
    if not db.closed then db:script("drop table if exists conf_items; drop table if exists conf_other") db:close() end
  end)

  it("reports its dialect and a masked URL", function()
    assert.are.equal(dialect, db.dialect)
    if dialect == "postgres" then
      assert.is_nil(db.url:find("tide-test-pw", 1, true))
      assert.truthy(db.url:find("***", 1, true))
      assert.is_nil(tostring(db):find("tide-test-pw", 1, true))
    end
  end)

  it("returns affected counts for statements and rows for queries", function()
    assert.are.equal(1, db:exec("insert into conf_items (id, name) values (?, ?)", 1, "a"))
    assert.are.equal(1, db:exec("insert into conf_items (id, name) values (?, ?)", 2, "b"))
    assert.are.equal(2, db:exec("update conf_items set name = name || ?", "!"))
    local rows = db:exec("select id, name from conf_items order by id")
    assert.are.same({ { id = 1, name = "a!" }, { id = 2, name = "b!" } }, rows)
    assert.are.same({}, db:exec("select id from conf_items where id > ?", 100))
  end)

  it("round-trips every value type with the right Lua type", function()
    local blob = "\0\1\2\255binary\0"
    db:exec("insert into conf_items (id, name, flag, score, data) values (?, ?, ?, ?, ?)",
      7, "héllo ✓", true, 2.5, tide.blob(blob))
    db:exec("insert into conf_items (id, name, flag, score, data) values (?, ?, ?, ?, ?)",
      8, "", false, nil, nil)
    local r = db:exec("select id, name, flag, score, data from conf_items order by id")
    assert.are.equal("integer", math.type(r[1].id))
    assert.are.equal(7, r[1].id)
    assert.are.equal("héllo ✓", r[1].name)
    assert.are.equal(true, r[1].flag)
    assert.are.equal("float", math.type(r[1].score))
    assert.are.equal(2.5, r[1].score)
    assert.are.equal(blob, r[1].data)
    assert.are.equal(false, r[2].flag)
    assert.is_nil(r[2].score)
    assert.is_nil(r[2].data)
    assert.are.equal("", r[2].name)
    local big = db:exec("select ? as n", math.maxinteger)[1].n
    assert.are.equal(math.maxinteger, big)
    assert.are.equal("integer", math.type(big))
  end)

  it("never takes a ? inside a literal, identifier or comment for a placeholder", function()
    local r = db:exec([[select '?' as q, 'it''s ?' as s, ? as v -- trailing ?
    ]], 42)
    assert.are.equal("?", r[1].q)
    assert.are.equal("it's ?", r[1].s)
    assert.are.equal(42, r[1].v)
    local r2 = db:exec('select ? as "what?"', "x")
    assert.are.equal("x", r2[1]["what?"])
  end)

  it("refuses a parameter count that does not match", function()
    local e = catch(db.exec, db, "select ? as a, ? as b", 1)
    assert.are.equal("misuse", e.code)
    assert.truthy(tostring(e):find("2"))
  end)

  it("iterates rows lazily and releases the statement when the loop is left", function()
    for i = 1, 50 do db:exec("insert into conf_items (id, name) values (?, ?)", i, "n" .. i) end
    local seen = 0
    for row in db:query("select id from conf_items where id > ? order by id", 10) do
      seen = seen + 1
      assert.are.equal(10 + seen, row.id)
      if seen == 5 then break end
    end
    assert.are.equal(5, seen)
    -- the connection is usable at once, also for writes
    assert.are.equal(50, db:exec("update conf_items set name = 'x'"))
    local count = 0
    for _ in db:query("select id from conf_items") do count = count + 1 end
    assert.are.equal(50, count)
  end)

  it("runs multi-statement scripts and names the statement that fails", function()
    db:script([[
      insert into conf_items (id, name) values (1, 'a; still a string');
      -- a comment; with a semicolon
      insert into conf_items (id, name) values (2, 'b');
    ]])
    assert.are.equal(2, #db:exec("select id from conf_items"))
    local e = catch(db.script, db, [[
      insert into conf_items (id, name) values (3, 'c');
      insert into no_such_table (x) values (1);
      insert into conf_items (id, name) values (4, 'd');
    ]])
    assert.are.equal("sql", e.code)
    assert.truthy(e.sql:find("no_such_table", 1, true))
    assert.truthy(tostring(e):find("statement:", 1, true))
    local ids = db:exec("select id from conf_items order by id")
    assert.are.equal(3, #ids) -- outside a transaction the first statement stays
  end)

  it("raises tide.Error objects with the database message, statement and position", function()
    local e = catch(db.exec, db, "select * from missing_table_xyz")
    assert.are.equal("sql", e.code)
    assert.truthy(e.message:find("missing_table_xyz", 1, true))
    assert.truthy(e.message:find("conformance_spec.lua:%d+:"))
    assert.are.equal("select * from missing_table_xyz", e.sql)
    assert.are.equal(tide.Error, getmetatable(e))
    if dialect == "postgres" then assert.are.equal("42P01", e.sqlstate) end
  end)

  it("commits a transaction and rolls it back on error, propagating the error", function()
    local a, b = db:transaction(function(tx)
      tx:exec("insert into conf_items (id, name) values (1, 'kept')")
      return "ok", 2
    end)
    assert.are.equal("ok", a)
    assert.are.equal(2, b)
    local e = catch(db.transaction, db, function(tx)
      tx:exec("insert into conf_items (id, name) values (2, 'gone')")
      error("stop here")
    end)
    assert.truthy(tostring(e):find("stop here", 1, true))
    assert.are.same({ { id = 1 } }, db:exec("select id from conf_items order by id"))
    assert.are.equal(0, db.txdepth)
  end)

  it("nests transactions as savepoints", function()
    db:transaction(function(tx)
      tx:exec("insert into conf_items (id, name) values (1, 'outer')")
      pcall(tx.transaction, tx, function(inner)
        inner:exec("insert into conf_items (id, name) values (2, 'inner')")
        assert.are.equal(2, inner.txdepth)
        inner:exec("insert into conf_items (id, name) values (1, 'duplicate key')")
      end)
      tx:exec("insert into conf_items (id, name) values (3, 'after')")
    end)
    assert.are.same({ { id = 1 }, { id = 3 } }, db:exec("select id from conf_items order by id"))
  end)

  it("rolls back a failed SQL statement inside a transaction", function()
    local e = catch(db.transaction, db, function(tx)
      tx:exec("insert into conf_items (id, name) values (1, 'a')")
      tx:exec("insert into conf_items (id, name) values (1, 'duplicate')")
    end)
    assert.are.equal("sql", e.code)
    assert.are.same({}, db:exec("select id from conf_items"))
  end)

  it("quotes identifiers and literals", function()
    assert.are.equal('"we""ird name"', db:quote('we"ird name'))
    assert.are.equal("'it''s'", db:literal("it's"))
    assert.are.equal("NULL", db:literal(nil):upper())
    assert.are.equal("42", db:literal(42))
    local q = "select " .. db:literal("a'b") .. " as " .. db:quote("x y")
    assert.are.equal("a'b", db:exec(q)[1]["x y"])
  end)

  it("lists a table's columns in order, in its namespace, none for a missing table", function()
    assert.are.same({ "id", "name", "flag", "score", "data" }, db:columns("conf_items"))
    local ns = dialect == "postgres" and "public" or "main"
    assert.are.same({ "id", "name", "flag", "score", "data" }, db:columns("conf_items", ns))
    assert.are.same({}, db:columns("conf_missing"))
    assert.are.same({}, db:columns("conf_items", dialect == "postgres" and "no_such_ns" or "temp"))
    db:exec("alter table conf_items add column extra text")
    assert.are.equal("extra", db:columns("conf_items")[6])
    catch(db.columns, db)
    db:transaction(function()
      db:exec("create table conf_other (k integer)")
      assert.are.same({ "k" }, db:columns("conf_other"))
    end)
  end)

  it("takes the runner lock exclusively, with a timeout", function()
    if dialect == "sqlite" and url == "sqlite::memory:" then return end
    local other = connect()
    db:lock("conformance", 1)
    local t0 = os.time()
    local e = catch(other.lock, other, "conformance", 0.2)
    assert.are.equal("locked", e.code)
    assert.truthy(os.time() - t0 <= 2)
    db:unlock("conformance")
    other:lock("conformance", 1)
    other:unlock("conformance")
    other:close()
  end)

  it("refuses to use a closed handle, and closing twice is harmless", function()
    local h = connect()
    h:close()
    h:close()
    assert.is_true(h.closed)
    local e = catch(h.exec, h, "select 1")
    assert.truthy(tostring(e):find("closed database handle", 1, true))
    do
      local scoped <close> = connect()
      scoped:exec("select 1 as one")
      h = scoped
    end
    assert.is_true(h.closed)
  end)

  it("prepares a statement once and runs it many times", function()
    local ins = db:prepare("insert into conf_items (id, name, score) values (?, ?, ?)")
    assert.are.equal("insert into conf_items (id, name, score) values (?, ?, ?)", ins.sql)
    for i = 1, 50 do assert.are.equal(1, ins:exec(i, "n" .. i, i / 2)) end
    -- other parameter types for the same statement (PostgreSQL prepares it again)
    assert.are.equal(1, ins:exec(51, "x", 3))
    local sel = db:prepare("select id, name from conf_items where id between ? and ? order by id")
    assert.are.same({ { id = 2, name = "n2" }, { id = 3, name = "n3" } }, sel:exec(2, 3))
    local seen = {}
    for row in sel:query(10, 12) do seen[#seen + 1] = row.id end
    assert.are.same({ 10, 11, 12 }, seen)
    for row in sel:query(1, 50) do break end   -- leaving the loop finishes the run
    assert.are.same({ { id = 51, name = "x" } }, sel:exec(51, 99))
    assert.are.equal(2, db:prepare("update conf_items set name = ? where id <= ?"):exec("y", 2))
    ins:close()
    assert.is_true(ins.closed)
    ins:close()                                  -- twice is harmless
    assert.truthy(tostring(catch(ins.exec, ins, 1, "a", 1)):find("closed statement", 1, true))
    sel:close()
  end)

  it("refuses a bad prepared statement clearly, and one running twice at once", function()
    local e = catch(db.prepare, db, "selec nothing")
    assert.are.equal("sql", e.code)
    local st = db:prepare("select id from conf_items where id > ?")
    e = catch(st.exec, st)
    assert.truthy(tostring(e):find("placeholder", 1, true))
    assert.truthy(tostring(catch(st.exec, st, 1, 2)):find("placeholder", 1, true))
    db:exec("insert into conf_items (id, name) values (1, 'a'), (2, 'b')")
    if dialect == "sqlite" then
      local e2 = catch(function() for _ in st:query(0) do st:exec(0) end end)
      assert.truthy(tostring(e2):find("still running", 1, true))
    end
    assert.are.same({ { id = 2 } }, st:exec(1))   -- usable again afterwards
    st:close()
  end)

  it("closes a connection's statements with it", function()
    local other = connect()
    local st = other:prepare("select 1 as one")
    assert.are.same({ { one = 1 } }, st:exec())
    other:close()
    assert.truthy(tostring(catch(st.exec, st)):find("closed database handle", 1, true))
    st:close()
  end)

  it("gives lua-cjson to scripts", function()
    local cjson = require "cjson"
    assert.are.equal('{"a":1}', cjson.encode({ a = 1 }))
  end)
end)

describe("connection errors (" .. dialect .. ")", function()
  it("names a malformed URL and an unknown scheme", function()
    local e = catch(tide.connect, "postgres://u:hunter2@host:port/db")
    assert.are.equal("url", e.code)
    assert.is_nil(tostring(e):find("hunter2", 1, true))
    e = catch(tide.connect, "mysql://u:hunter2@h/db")
    assert.truthy(tostring(e):find("unknown database scheme 'mysql'", 1, true))
    assert.is_nil(tostring(e):find("hunter2", 1, true))
  end)

  if dialect == "sqlite" then
    it("names a missing directory", function()
      local e = catch(tide.connect, "sqlite:/nonexistent-dir-xyz/app.db")
      assert.are.equal("connect", e.code)
      assert.truthy(tostring(e):find("/nonexistent-dir-xyz", 1, true))
    end)
  else
    it("fails fast on a refused port, naming host and port, never the password", function()
      local host_url = url:gsub("@127%.0%.0%.1:%d+/", "@127.0.0.1:1/")
      local t0 = os.time()
      local e = catch(tide.connect, host_url)
      assert.are.equal("connect", e.code)
      assert.truthy(tostring(e):find("127.0.0.1:1", 1, true))
      assert.is_nil(tostring(e):find("tide-test-pw", 1, true))
      assert.truthy(os.time() - t0 <= 6)
    end)

    it("reports a wrong password as an authentication failure without echoing it", function()
      local bad = url:gsub(":tide%-test%-pw@", ":wrong-secret-pw@")
      local e = catch(tide.connect, bad)
      assert.are.equal("connect", e.code)
      assert.truthy(tostring(e):find("tide", 1, true))
      assert.is_nil(tostring(e):find("wrong-secret-pw", 1, true))
      assert.truthy(tostring(e):lower():find("authentication", 1, true))
    end)
  end
end)

if dbfile then
  describe("cleanup", function()
    it("removes the scratch database", function()
      os.remove(dbfile)
      os.remove(dbfile .. ".tide-lock")
    end)
  end)
end
