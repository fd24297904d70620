# schema:inspect --format dot|mermaid|svg (issue 16, pictures): the example
# project's live schema against golden files, the definitions (two
# namespaces, a view, foreign keys across them) likewise, Graphviz
# rendering the dot, and a clear message without Graphviz.
# TIDE_UPDATE_GOLDEN=1 rewrites the golden files and docs/example-schema.svg
# (the picture README shows) from this run.
. "$(dirname "$0")/lib.sh"
src=$TIDE_SOURCE_DIR
golden=$src/tests/cli/diagram
cp -r "$src/migrations" .
URL="sqlite:$work/example.db"

same_as() {   # $1: the golden file; $stdout must equal it
  if [ "${TIDE_UPDATE_GOLDEN:-}" = 1 ]; then printf '%s\n' "$stdout" > "$1"; return; fi
  [ "$stdout" = "$(cat "$1")" ] || bad "differs from $(basename "$1"): $(printf '%s\n' "$stdout" | diff "$1" - | head -20)"
}

t "the example project's schema as dot and mermaid: the golden files"
tide --url "$URL" migration:up; expect_rc 0
tide --url "$URL" schema:inspect --format dot; expect_rc 0
expect_out 't0:k1:e -> t1:c0:w [label=<user_id → id>];'
same_as "$golden/example.dot"
printf '%s\n' "$stdout" > example.dot
tide --url "$URL" schema:inspect --format mermaid; expect_rc 0
expect_out 't0 -->|"user_id → id"| t1'
same_as "$golden/example.mmd"

t "Graphviz renders the dot output; --format svg is its drawing"
command -v dot >/dev/null || bad "Graphviz's dot is not installed (scripts/deps.sh test installs it)"
dot -Tsvg example.dot > by-hand.svg 2> dot.err || bad "dot refused the diagram: $(cat dot.err)"
[ ! -s dot.err ] || bad "dot warned: $(cat dot.err)"
grep -q '<svg' by-hand.svg || bad "dot wrote no SVG"
tide --url "$URL" schema:inspect --format svg; expect_rc 0
expect_out "<svg"; expect_out ">orders</text>"; expect_out ">users</text>"; expect_out ">user_id → id</text>"
if [ "${TIDE_UPDATE_GOLDEN:-}" = 1 ]; then printf '%s\n' "$stdout" > "$src/docs/example-schema.svg"; fi

t "without Graphviz, --format svg says how to get it; dot and mermaid still work"
PATH=/nonexistent tide --url "$URL" schema:inspect --format svg; expect_rc 1
expect_out "--format svg needs Graphviz's 'dot' program, which is not on PATH: install Graphviz (Debian/Ubuntu: apt-get install graphviz"
PATH=/nonexistent tide --url "$URL" schema:inspect --format dot; expect_rc 0

t "the definitions: a cluster per namespace, the view a shape of its own, FKs across namespaces"
mkdir schema && cp "$golden/defs_app.lua" schema/app.lua
tide --url "sqlite:$work/defs.db" schema:inspect --from definitions --format mermaid; expect_rc 0
expect_out 'subgraph n1["billing"]'; expect_out 'v0(["<i>view</i><br><b>active_users</b>"])'
expect_out 'nick text?'; expect_out 't2 -->|"user_id → id"| t1'; expect_out 'v0 -.-> t1'
same_as "$golden/defs.mmd"
tide --url "sqlite:$work/defs.db" schema:inspect --from definitions --format dot; expect_rc 0
expect_out 'v0 [shape=note'; expect_out 'subgraph cluster_1 {'
same_as "$golden/defs.dot"
printf '%s\n' "$stdout" | dot -Tsvg > /dev/null 2> dot.err || bad "dot refused the definitions' diagram: $(cat dot.err)"
[ -f defs.db ] && bad "drawing the definitions created the database"
tide --url "postgres://nobody@127.0.0.1:1/none" schema:inspect --from definitions --format dot; expect_rc 0
expect_out 'subgraph cluster_1 {'     # files only: the database need not be reachable

t "a module's definitions: the default cluster is named after the module"
mkdir -p mod/schema mod/migrations && cp "$golden/defs_app.lua" mod/schema/app.lua
cat > tide.lua <<'LUA'
return { modules = { shop = { schema = "mod/schema", migrations = { path = "mod/migrations" } } } }
LUA
tide --module shop schema:inspect --from definitions --format mermaid; expect_rc 0
expect_out 'subgraph n0["shop"]'
rm tide.lua

t "names with quotes, angle brackets and ampersands are escaped: Graphviz still renders the dot"
sqlite3 "$work/odd.db" 'create table "a""b<c>&d" (id integer primary key, "x>y" text); create table "t&u" (id integer primary key, r integer references "a""b<c>&d"(id))'
tide --url "sqlite:$work/odd.db" schema:inspect --format dot; expect_rc 0
expect_out '<B>a&quot;b&lt;c&gt;&amp;d</B>'; expect_out 'x&gt;y'
printf '%s\n' "$stdout" | dot -Tsvg >/dev/null 2>dot.err || bad "dot refused odd names: $(cat dot.err)"
tide --url "sqlite:$work/odd.db" schema:inspect --format mermaid; expect_rc 0
expect_out '<b>a#quot;b#lt;c#gt;#amp;d</b>'

t "migration:create --dump --format mermaid|dot draws a pending change: added, changed, dropped marked"
mkdir -p change/schema && cd change
cat > schema/app.lua <<'LUA'
local t = require "tide.schema"
return {
  t.table "author" { t.col "id" :serial() :primary(), t.col "name" :text() },
  t.table "book" { t.col "id" :serial() :primary(), t.col "author_id" :integer() :references("author", "id") },
  t.table "old" { t.col "id" :serial() :primary() },
}
LUA
tide --url "sqlite:$work/change.db" migration:create --name init; expect_rc 0
tide --url "sqlite:$work/change.db" migration:create --dump --format mermaid; expect_rc 0
expect_out '%% no changes'
cat > schema/app.lua <<'LUA'
local t = require "tide.schema"
return {
  t.table "author" { t.col "id" :serial() :primary(), t.col "name" :text(), t.col "bio" :text() :nullable() },
  t.table "book" { t.col "id" :serial() :primary(), t.col "author_id" :integer() :references("author", "id") },
  t.table "review" { t.col "id" :serial() :primary(), t.col "book_id" :integer() :references("book", "id") },
}
LUA
tide --url "sqlite:$work/change.db" migration:create --dump --format mermaid; expect_rc 0
expect_out 't0["<b>author</b> changed<br>id integer PK<br>name text<br>bio text?"]'
expect_out 't1["<b>book</b><br>'
expect_out 't2["<b>review</b> added<br>'
expect_out 'x2["<b>old</b> dropped<br>id integer PK"]'
expect_out 'class t0 changed'; expect_out 'class t2 added'; expect_out 'class x2 dropped'
expect_no 'class t1 '
tide --url "sqlite:$work/change.db" migration:create --dump --format dot; expect_rc 0
expect_out 'BGCOLOR="#f8d7d7"><B>old</B> dropped'
printf '%s\n' "$stdout" | dot -Tsvg >/dev/null 2>dot.err || bad "dot refused the change diagram: $(cat dot.err)"
[ "$(ls migrations/*.lua | wc -l)" = 1 ] || bad "--dump wrote a migration"
tide --url "sqlite:$work/change.db" migration:create --dump --format png; expect_rc 2
expect_out "--format with --dump is sql, mermaid or dot, not 'png'"
tide --url "sqlite:$work/change.db" migration:create --format mermaid; expect_rc 2
expect_out "--format goes with --dump"
cd "$work"

t "bad input: an unknown format, --from definitions without a diagram, --out with a diagram"
tide schema:inspect --format png; expect_rc 2; expect_out "--format is lua, json, dot, mermaid or svg, not 'png'"
tide schema:inspect --from definitions; expect_rc 2; expect_out "it goes with --format dot, mermaid or svg"
tide schema:inspect --from somewhere --format dot; expect_rc 2; expect_out "--from is definitions or database"
tide schema:inspect --format dot --out x; expect_rc 2; expect_out "redirect a diagram: > schema.dot"

finish
