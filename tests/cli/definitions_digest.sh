# The definitions' digest (issue 20 item 3): the snapshot records the digest
# of the definition files it was written from; migration:create and
# migration:check answer "no changes" from it without evaluating them, and
# evaluate them whenever their bytes, or what they read outside themselves,
# may have changed.
. "$(dirname "$0")/lib.sh"
URL="sqlite:$work/app.sqlite"
t_() { tide --url "$URL" "$@"; }
snap=migrations/.snapshot-app.json
digest() { sed -n '3p' "$snap" | sed -n 's/^  "definitions": "\(sha256:[0-9a-f]*\)",$/\1/p'; }
mkdir -p schema
cat > schema/app.lua <<'LUA'
local t = require "tide.schema"
return { t.table "book" { t.col "id" :serial() :primary(), t.col "title" :varchar(200) } }
LUA

t "a generated snapshot records the digest of its definitions, second"
t_ migration:create --name init; expect_rc 0
d1=$(digest)
[ -n "$d1" ] || { out=$(head -n 4 "$snap"); bad "no \"definitions\" digest on the snapshot's third line"; }

t "unchanged files: no changes, nothing evaluated (-v says so), exit 0 for check"
t_ migration:create -v --name again; expect_rc 0; expect_out "No changes"
expect_out "nothing to evaluate"
t_ migration:check; expect_rc 0
[ "$(ls migrations/*.lua | wc -l)" = 1 ] || bad "a migration was written for unchanged definitions"

t "a comment added: evaluated, no changes, the digest line alone is updated"
cp "$snap" "$work/snap.before"
printf -- '-- the library\n' >> schema/app.lua
t_ migration:create -v --name comment; expect_rc 0; expect_out "No changes"
expect_no "nothing to evaluate"
d2=$(digest)
[ -n "$d2" ] && [ "$d2" != "$d1" ] || bad "the digest was not updated ($d1 -> $d2)"
changed=$(diff "$work/snap.before" "$snap" | grep -c '^[<>]')
[ "$changed" = 2 ] || { out=$(diff "$work/snap.before" "$snap"); bad "the snapshot changed beyond its digest line"; }
t_ migration:create -v --name comment; expect_out "nothing to evaluate"

t "a file that no longer compiles is evaluated and reported, not answered from the digest"
cp schema/app.lua "$work/app.good"
printf 'return {\n' >> schema/app.lua
t_ migration:check; expect_rc 3; expect_out "app.lua"
t_ migration:create --name broken; expect_rc 1
cp "$work/app.good" schema/app.lua

t "a real change: a migration, and the new digest"
sed -i 's/varchar(200)/varchar(300)/' schema/app.lua
t_ migration:check; expect_rc 1
t_ migration:create --name wider; expect_rc 0
[ "$(ls migrations/*_wider.lua 2>/dev/null | wc -l)" = 1 ] || bad "no migration for a real change"
d3=$(digest)
[ -n "$d3" ] && [ "$d3" != "$d2" ] || bad "the digest did not follow the change"

t "definitions that read the environment record no digest and are always evaluated"
cat > schema/app.lua <<'LUA'
local t = require "tide.schema"
local name = os.getenv("BOOK_TABLE") or "book"
return { t.table (name) { t.col "id" :serial() :primary(), t.col "title" :varchar(300) } }
LUA
t_ migration:create --name env; expect_rc 0          # the text changed; the model did not
t_ migration:create -v --name env; expect_rc 0; expect_out "No changes"
expect_no "nothing to evaluate"
export BOOK_TABLE=volume
t_ migration:create -v --name renamed_by_env; expect_rc 0; expect_no "nothing to evaluate"
[ "$(ls migrations/*_renamed_by_env.lua 2>/dev/null | wc -l)" = 1 ] || bad "the change made through the environment was missed"
unset BOOK_TABLE

t "definitions that require a module of their own are always evaluated"
mkdir -p lib
cat > lib/cols.lua <<'LUA'
return { width = 300 }
LUA
cat > schema/app.lua <<'LUA'
package.path = "./lib/?.lua;" .. package.path
local cols = require "cols"
local t = require "tide.schema"
return { t.table "book" { t.col "id" :serial() :primary(), t.col "title" :varchar(cols.width) } }
LUA
t_ migration:create --name back; expect_rc 0
[ "$(ls migrations/*_back.lua 2>/dev/null | wc -l)" = 1 ] || bad "no migration back to book"
[ -z "$(digest)" ] || bad "a digest was recorded for definitions that require another module"
sed -i 's/300/400/' lib/cols.lua
t_ migration:create --name helper_changed; expect_rc 0
[ "$(ls migrations/*_helper_changed.lua 2>/dev/null | wc -l)" = 1 ] || bad "a change in the required module was missed"

t "a snapshot edited by hand to another digest is not trusted: the files are evaluated"
cat > schema/app.lua <<'LUA'
local t = require "tide.schema"
return { t.table "book" { t.col "id" :serial() :primary(), t.col "title" :varchar(400) } }
LUA
t_ migration:create --name plain; expect_rc 0
sed -i '3s/sha256:[0-9a-f]*/sha256:0000/' "$snap"
t_ migration:create -v --name after_edit; expect_rc 0; expect_no "nothing to evaluate"; expect_out "No changes"
[ -n "$(digest)" ] && [ "$(digest)" != "sha256:0000" ] || bad "the edited digest was not replaced"

finish
