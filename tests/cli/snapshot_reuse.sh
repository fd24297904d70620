# migration:create reads only the snapshot's tables that changed (issue 20):
# a table whose text is byte for byte what the definitions' table renders to
# is taken from the definitions' model, not read (-v says how many). What it
# writes must be byte for byte what reading the whole snapshot gives: each
# case runs twice from the same first migration, once with the snapshot as
# written (its unchanged tables left unread) and once with every line of it
# indented one space more (the same JSON, so no table's bytes match: all
# read), and the migrations and snapshots written are compared with cmp.
# Both dialects (PostgreSQL without a server: from the files alone). Then a
# snapshot that is corrupt or cut short, where a table is left unread, is
# still an error at its FILE:LINE:COL, never a smaller schema.
here=$(cd "$(dirname "$0")" && pwd)
. "$(dirname "$0")/lib.sh"
gen="$here/snapshot_reuse/gen.lua"
golden="$here/golden_create/gen.lua"
N=40

# norm FILE: the migration or snapshot with its timestamps and digest out
norm() { sed -E 's/Migration[0-9]{14}/MigrationTIMESTAMP/g; s/^(  "definitions": "sha256:)[0-9a-f]*/\1DIGEST/' "$1"; }

# twice NAME URL FIRST SECOND UNCHANGED: FIRST's definitions created, then
# SECOND's in two copies (the snapshot as written, and re-indented); both
# write the same; the first says UNCHANGED tables were not read, the second 0
twice() {
  local name=$1 url=$2 first=$3 second=$4 unchanged=$5 p="$work/$1" f
  mkdir -p "$p/a/schema"; cd "$p/a"
  eval "$first" > schema/app.lua
  tide --url "$url" migration:create --name init; expect_rc 0
  cp -r "$p/a" "$p/b"
  sed -i -E 's/^( *)"/\1 "/' "$p"/b/migrations/.snapshot-*.json
  for f in a b; do
    cd "$p/$f"; eval "$second" > schema/app.lua
    tide --url "$url" -v migration:create --name change; expect_rc 0
    [ $f = a ] && [ -n "$unchanged" ] && expect_out "the snapshot: $unchanged of its"
    [ $f = b ] && expect_out "the snapshot: 0 of its"
    ls migrations/Migration*change.lua > /dev/null 2>&1 || bad "$f: no migration written"
  done
  cmp -s <(norm "$p"/a/migrations/Migration*change.lua) <(norm "$p"/b/migrations/Migration*change.lua) ||
    bad "$name: the migrations differ between the snapshot read in part and read whole"
  cmp -s <(norm "$p"/a/migrations/.snapshot-*.json) <(norm "$p"/b/migrations/.snapshot-*.json) ||
    bad "$name: the snapshots written differ between the snapshot read in part and read whole"
  cd "$work"
}

for d in sqlite postgres; do
  if [ $d = sqlite ]; then url="sqlite:app.db"; else url="postgres://tide@127.0.0.1:1/x?connect_timeout=2"; fi

  t "$d: 1% of the tables changed: the others not read, the same migration and snapshot"
  twice change-$d "$url" "lua5.4 $gen $N" "lua5.4 $gen $N change=5 change=20" $((N - 2))

  t "$d: a table dropped, one renamed with renamedFrom: the same migration and snapshot"
  twice droprename-$d "$url" "lua5.4 $gen $N" "lua5.4 $gen $N drop=7 rename=12" $((N - 4))

  t "$d: a key changed under a foreign key that names no column: its table is read, the key changed"
  twice refkey-$d "$url" "lua5.4 $gen $N refkey" "lua5.4 $gen $N refkey pk=3" $((N - 2))
  expect_out "fk e00004_parent_id_fkey changed"

  t "$d: a view reading a changed table: the same migration and snapshot"
  twice view-$d "$url" "lua5.4 $gen $N view=5 view=9" "lua5.4 $gen $N view=5 view=9 change=5" $((N - 1))

  t "$d: the golden schema (enums, checks, views, triggers, renames, drops): the same migration and snapshot"
  twice golden-$d "$url" "lua5.4 $golden $d 60 1" "lua5.4 $golden $d 60 2" ""
done

# the snapshot of the change case, edited: each edit in a table at the end
# of the file, after tables left unread (their lines still counted)
base="$work/change-sqlite/a"
snap=$(basename "$(ls "$base"/migrations/.snapshot-*.json)")
corrupt() {   # corrupt NAME SED: a copy of the changed project, its snapshot edited by SED
  rm -rf "$work/$1"; cp -r "$base" "$work/$1"; cd "$work/$1"
  lua5.4 "$gen" $N change=5 change=20 change=38 > schema/app.lua
  rm -f migrations/Migration*change.lua
  sed -i -E "$2" "migrations/$snap"
}
# retype NAME TABLE VALUE FOUND: TABLE's first `"type": "varchar(100)"` (its
# c01) made VALUE; migration:create says so at its line, "found FOUND"
retype() {
  corrupt "$1" "/\"name\": \"$2\"/,/\"name\": \"c02\"/s/\"type\": \"varchar\\(100\\)\"/\"type\": $3/"
  line=$(grep -n "\"type\": $3,\?$" "migrations/$snap" | cut -d: -f1)
  [ -n "$line" ] || bad "the edit did not take"
  tide --url sqlite:app.db migration:create --name change
  expect_rc 1
  expect_out "$snap:$line:19: \"type\" must be a string, found $4"
  expect_no "Created"
}

t "a corrupt value in a table that changed, after unread ones: FILE:LINE:COL of the real file"
retype bad-value e00038 100 "a number"

t "a corrupt value in a table whose definition did not change: its bytes differ, it is read: an error"
retype bad-unchanged e00030 true "a boolean"

t "a snapshot cut short inside a table: an error, not a smaller schema"
corrupt cut "$(( $(wc -l < "$base/migrations/$snap") / 2 )),\$d"
tide --url sqlite:app.db migration:create --name change
expect_rc 1
expect_out "the file ends too early"
expect_no "Created"

t "a table given twice, both copies byte for byte the definitions': 'defined twice'"
corrupt twice "s/^//"
lua5.4 - "migrations/$snap" <<'EOF'
local path = arg[1]; local f = io.open(path); local s = f:read("a"); f:close()
local from = s:find("    {\n      \"name\": \"e00010\"", 1, true)
local to = s:find("    {\n      \"name\": \"e00011\"", 1, true)
s = s:sub(1, to - 1) .. s:sub(from, to - 1) .. s:sub(to)
f = io.open(path, "w"); f:write(s); f:close()
EOF
tide --url sqlite:app.db migration:create --name change
expect_rc 1
expect_out "table e00010: the table is defined twice"
expect_no "Created"

t "an odd but valid spelling in a changed table (a false written out): read as before"
corrupt odd 's/^(      "name": "e00038",)$/\1\n      "strict": false,/'
grep -q '"strict": false' "migrations/$snap" || bad "the edit did not take"
tide --url sqlite:app.db -v migration:create --name change
expect_rc 0
expect_out "the snapshot: $((N - 1)) of its $N tables unchanged"
expect_out "Created"

t "a snapshot of a newer format: said so"
corrupt newer 's|"format": "tide-snapshot/1"|"format": "tide-snapshot/2"|'
tide --url sqlite:app.db migration:create --name change
expect_rc 1
expect_out "was written by a newer tide (format tide-snapshot/2); upgrade tide"

t "migration:check reads it in part too: a change is needed, none after it is made"
cd "$work/change-sqlite/a"
tide --url sqlite:app.db migration:check; expect_rc 0
lua5.4 "$gen" $N change=5 change=20 change=38 > schema/app.lua
tide --url sqlite:app.db -v migration:check; expect_rc 1
expect_out "the snapshot: $((N - 1)) of its $N tables unchanged"
lua5.4 "$gen" $N change=5 change=20 > schema/app.lua

t "the definitions' text changed, not what they define: every table unchanged, only the digest recorded"
cp migrations/.snapshot-app.json "$work/before.json"
printf -- '-- a comment\n' >> schema/app.lua
tide --url sqlite:app.db -v migration:create --name none
expect_rc 0
expect_out "the snapshot: $N of its $N tables unchanged"
expect_out "No changes"
diff <(norm "$work/before.json") <(norm migrations/.snapshot-app.json) > /dev/null || bad "the snapshot changed beyond its digest"

finish
