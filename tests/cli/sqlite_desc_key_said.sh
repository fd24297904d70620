# A key column sorted DESC, which the model cannot say yet (its keys
# ascend): a wiki bot's "version_id INTEGER PRIMARY KEY DESC ... WITHOUT
# ROWID", and INTEGER PRIMARY KEY DESC on a rowid table (no rowid alias).
# tide says it by name wherever it reads the database, never loses it
# without a word; the ascending keys of the same tables say nothing.
. "$(dirname "$0")/lib.sh"
db="$work/bot.sqlite"
sqlite3 -bail "$db" "
create table contribution (version_id integer primary key desc, document_id integer, written_at char(32)) without rowid;
create table pair (a text, b integer, primary key (a, b desc)) without rowid;
create table log (csn integer primary key desc, payload blob);
create table plain (id integer primary key, name text);
create table asc_key (k text primary key asc, v text) without rowid;" || exit 1

t "schema:inspect --format lua notes each DESC key column by name"
tide --url "sqlite:$db" schema:inspect --format lua
expect_rc 0
expect_out "the DESC order of table contribution's primary key column version_id"
expect_out "the DESC order of table pair's primary key column b"
expect_out "the DESC order of table log's primary key column csn"
expect_no "column a "
expect_no "table plain's"
expect_no "table asc_key's"

t "schema:update against the database warns the same"
mkdir -p "$work/p/schema" && cd "$work/p"
printf '%s\n' "$stdout" > schema/app.lua
tide --url "sqlite:$db" schema:update --dump
expect_rc 0
expect_out "warning: the database holds what tide does not carry: the DESC order of table contribution's primary key column version_id"
cd "$work"
finish
