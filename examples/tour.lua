-- A tour of the database handle, run with `tide run examples/tour.lua`:
-- `db` is connected per the configuration, `tide` and `cjson` are loaded.
local cjson = require "cjson"

db:script([[
  drop table if exists post;
  drop table if exists author;
  create table author (id integer primary key, name text not null unique);
  create table post (
    id integer primary key,
    author_id integer not null references author(id),
    title text not null,
    published boolean not null default false
  );
]])

-- bound parameters are written ? in every dialect
for id, name in ipairs { "Ada", "Grace", "Linus" } do
  db:exec("insert into author (id, name) values (?, ?)", id, name)
end

-- a transaction: an error inside rolls everything back and propagates
local ok, err = pcall(db.transaction, db, function(tx)
  tx:exec("insert into post (id, author_id, title) values (?, ?, ?)", 1, 1, "Notes on the Analytical Engine")
  tx:exec("insert into post (id, author_id, title) values (?, ?, ?)", 2, 99, "by nobody") -- FK violation
end)
print(("transaction rolled back: %s"):format(not ok))
print(("  the error: %s"):format(tostring(err):gsub("\n.*", "")))

db:transaction(function(tx)
  tx:exec("insert into post (id, author_id, title, published) values (?, ?, ?, ?)", 1, 1, "Notes on the Analytical Engine", true)
  tx:exec("insert into post (id, author_id, title, published) values (?, ?, ?, ?)", 2, 2, "COBOL for beginners", false)
end)

-- rows come back lazily, as tables keyed by column name, with real types
for row in db:query([[select a.name, p.title, p.published from post p
                      join author a on a.id = p.author_id order by p.id]]) do
  print(("%-6s %-32s published=%s"):format(row.name, row.title, tostring(row.published)))
end

print("authors as JSON: " .. cjson.encode(db:exec("select name from author order by name")))
print(("%s handle on %s"):format(db.dialect, db.url))
