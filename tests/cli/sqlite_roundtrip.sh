# A real-world-style SQLite application schema (a notes-and-messages app as
# desktop and mobile apps ship one: 30 tables, AUTOINCREMENT, WITHOUT ROWID
# and STRICT tables, generated columns VIRTUAL and STORED, partial,
# expression, DESC and COLLATE indexes, deferrable and cascading foreign
# keys, table and column checks, an fts5 index kept by triggers, an rtree,
# views over views, an INSTEAD OF trigger), written by hand in SQL:
#   inspect -> definitions -> schema:create gives the same catalog, as SQLite
#   reports it (PRAGMA table_list, table_xinfo, index_list, index_xinfo,
#   foreign_key_list, the SQL of views and triggers), and the same
#   schema:inspect; schema:update --dump has nothing to do, both ways.
# Then rebuilds on it: rows, AUTOINCREMENT counters, indexes, views and
# triggers kept, no user trigger fired by the copy, a column dropped in
# place, and PRAGMA foreign_key_check stopping a rebuild over broken rows.
# Foreign keys come back in the order the table declared them (their
# pragma ids follow the text), and a non-INTEGER key of a rowid table,
# which SQLite lets hold NULL, stays nullable (:primary() :nullable()), rows
# with NULL keys and all: both checked on their own below too.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
sq() { sqlite3 -batch -separator '|' "$1" "$2"; }

cat > app.sql <<'SQL'
CREATE TABLE accounts (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  email TEXT NOT NULL COLLATE NOCASE,
  display_name TEXT,
  created_at INTEGER NOT NULL DEFAULT (strftime('%s', 'now')),
  settings TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(settings)),
  deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
);
CREATE UNIQUE INDEX accounts_email ON accounts (email);
CREATE INDEX accounts_live ON accounts (created_at DESC) WHERE deleted = 0;
CREATE TABLE devices (
  id TEXT PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  platform TEXT NOT NULL CHECK (platform IN ('ios', 'android', 'desktop')),
  push_token TEXT,
  last_seen INTEGER
) WITHOUT ROWID;
CREATE INDEX devices_account ON devices (account_id);
CREATE TABLE folders (
  id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  parent_id INTEGER REFERENCES folders (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
  name TEXT NOT NULL COLLATE NOCASE,
  position REAL NOT NULL DEFAULT 0,
  UNIQUE (account_id, parent_id, name)
);
CREATE TABLE notes (
  id INTEGER PRIMARY KEY,
  folder_id INTEGER REFERENCES folders (id) ON DELETE SET NULL,
  account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  title TEXT NOT NULL DEFAULT '',
  body TEXT NOT NULL DEFAULT '',
  pinned INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL DEFAULT (strftime('%s', 'now')),
  updated_at INTEGER NOT NULL DEFAULT (strftime('%s', 'now')),
  word_count INTEGER GENERATED ALWAYS AS (length(body) - length(replace(body, ' ', '')) + 1) VIRTUAL,
  title_sort TEXT GENERATED ALWAYS AS (lower(trim(title))) STORED
);
CREATE INDEX notes_folder ON notes (folder_id, updated_at DESC);
CREATE INDEX notes_pinned ON notes (account_id, updated_at DESC) WHERE pinned = 1;
CREATE INDEX notes_title_sort ON notes (title_sort COLLATE NOCASE);
CREATE TABLE tags (
  id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  name TEXT NOT NULL COLLATE NOCASE,
  color TEXT CHECK (color IS NULL OR color GLOB '#[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]')
);
CREATE UNIQUE INDEX tags_name ON tags (account_id, name);
CREATE TABLE note_tags (
  note_id INTEGER NOT NULL REFERENCES notes (id) ON DELETE CASCADE,
  tag_id INTEGER NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
  PRIMARY KEY (note_id, tag_id)
) WITHOUT ROWID;
CREATE INDEX note_tags_tag ON note_tags (tag_id);
CREATE TABLE attachments (
  id INTEGER PRIMARY KEY,
  note_id INTEGER NOT NULL REFERENCES notes (id) ON DELETE CASCADE,
  mime TEXT NOT NULL,
  bytes INTEGER NOT NULL CHECK (bytes >= 0),
  sha256 BLOB NOT NULL,
  local_path TEXT
) STRICT;
CREATE INDEX attachments_note ON attachments (note_id);
CREATE UNIQUE INDEX attachments_sha ON attachments (sha256);
CREATE TABLE reminders (
  id INTEGER PRIMARY KEY ON CONFLICT ROLLBACK,
  note_id INTEGER NOT NULL REFERENCES notes (id) ON DELETE CASCADE,
  due_at INTEGER NOT NULL,
  done INTEGER NOT NULL DEFAULT 0,
  UNIQUE (note_id, due_at) ON CONFLICT FAIL
);
CREATE INDEX reminders_due ON reminders (due_at) WHERE done = 0;
CREATE TABLE contacts (
  id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  first_name TEXT,
  last_name TEXT,
  full_name TEXT GENERATED ALWAYS AS (trim(coalesce(first_name, '') || ' ' || coalesce(last_name, ''))) VIRTUAL,
  phone TEXT,
  email TEXT COLLATE NOCASE
);
CREATE INDEX contacts_name ON contacts (lower(last_name), lower(first_name));
CREATE TABLE conversations (
  id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  title TEXT,
  muted_until INTEGER,
  last_message_at INTEGER
);
CREATE INDEX conversations_recent ON conversations (account_id, last_message_at DESC);
CREATE TABLE participants (
  conversation_id INTEGER NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
  role TEXT NOT NULL DEFAULT 'member',
  PRIMARY KEY (conversation_id, contact_id) ON CONFLICT IGNORE
);
CREATE TABLE messages (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  conversation_id INTEGER NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  sender_id INTEGER REFERENCES contacts (id) ON DELETE SET NULL,
  body TEXT,
  sent_at INTEGER NOT NULL,
  read_at INTEGER,
  kind TEXT NOT NULL DEFAULT 'text' CHECK (kind IN ('text', 'image', 'system'))
);
CREATE INDEX messages_conversation ON messages (conversation_id, sent_at);
CREATE INDEX messages_unread ON messages (conversation_id) WHERE read_at IS NULL;
CREATE TABLE drafts (
  conversation_id INTEGER PRIMARY KEY REFERENCES conversations (id) ON DELETE CASCADE,
  body TEXT NOT NULL,
  saved_at INTEGER NOT NULL
);
CREATE TABLE sync_state (
  scope TEXT NOT NULL,
  key TEXT NOT NULL,
  value TEXT,
  PRIMARY KEY (scope, key)
) WITHOUT ROWID, STRICT;
CREATE TABLE sync_queue (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  entity TEXT NOT NULL,
  entity_id INTEGER NOT NULL,
  op TEXT NOT NULL CHECK (op IN ('insert', 'update', 'delete')),
  queued_at INTEGER NOT NULL DEFAULT (strftime('%s', 'now')),
  attempts INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX sync_queue_pending ON sync_queue (queued_at) WHERE attempts < 5;
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  entity TEXT NOT NULL,
  entity_id INTEGER NOT NULL,
  action TEXT NOT NULL,
  at INTEGER NOT NULL DEFAULT (strftime('%s', 'now'))
);
CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value ANY
) STRICT;
CREATE TABLE feature_flags (
  name TEXT PRIMARY KEY COLLATE NOCASE,
  enabled INTEGER NOT NULL DEFAULT 0,
  rollout REAL NOT NULL DEFAULT 1.0 CHECK (rollout BETWEEN 0 AND 1)
);
CREATE TABLE purchases (
  id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts (id),
  product_id TEXT NOT NULL,
  price_cents INTEGER NOT NULL,
  currency TEXT NOT NULL DEFAULT 'USD',
  purchased_at INTEGER NOT NULL,
  price TEXT GENERATED ALWAYS AS (printf('%d.%02d', price_cents / 100, price_cents % 100)) VIRTUAL
);
CREATE INDEX purchases_account ON purchases (account_id, purchased_at DESC);
CREATE TABLE events (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  payload TEXT,
  at INTEGER NOT NULL
);
CREATE INDEX events_name_at ON events (name, at);
CREATE TABLE locations (
  id INTEGER PRIMARY KEY,
  note_id INTEGER REFERENCES notes (id) ON DELETE CASCADE,
  lat REAL NOT NULL CHECK (lat BETWEEN -90 AND 90),
  lon REAL NOT NULL CHECK (lon BETWEEN -180 AND 180)
);
CREATE TABLE downloads (
  id INTEGER PRIMARY KEY,
  url TEXT NOT NULL UNIQUE ON CONFLICT REPLACE,
  state TEXT NOT NULL ON CONFLICT REPLACE DEFAULT 'queued',
  progress REAL NOT NULL DEFAULT 0,
  error TEXT
);
CREATE INDEX downloads_active ON downloads (state) WHERE state <> 'done';
CREATE TABLE schema_info (version INTEGER NOT NULL);
CREATE TABLE bookmarks (
  id INTEGER PRIMARY KEY,
  note_id INTEGER NOT NULL UNIQUE REFERENCES notes (id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL
);
CREATE TABLE search_history (
  query TEXT NOT NULL COLLATE NOCASE,
  searched_at INTEGER NOT NULL,
  hits INTEGER NOT NULL DEFAULT 0 CHECK (hits >= 0),
  PRIMARY KEY (query, searched_at)
) WITHOUT ROWID;
CREATE INDEX search_history_recent ON search_history (searched_at DESC);
CREATE VIRTUAL TABLE notes_fts USING fts5(title, body, content='notes', content_rowid='id');
CREATE VIRTUAL TABLE places USING rtree(id, min_lat, max_lat, min_lon, max_lon);
CREATE VIEW live_notes AS SELECT n.id, n.title, n.updated_at, f.name AS folder FROM notes n LEFT JOIN folders f ON f.id = n.folder_id WHERE n.pinned = 0;
CREATE VIEW pinned_notes AS SELECT id, title FROM notes WHERE pinned = 1;
CREATE VIEW unread_counts AS SELECT conversation_id, count(*) AS unread FROM messages WHERE read_at IS NULL GROUP BY conversation_id;
CREATE VIEW busy_conversations AS SELECT c.id, c.title, u.unread FROM conversations c JOIN unread_counts u ON u.conversation_id = c.id WHERE u.unread > 10;
CREATE TRIGGER notes_ai AFTER INSERT ON notes BEGIN
  INSERT INTO notes_fts (rowid, title, body) VALUES (new.id, new.title, new.body);
END;
CREATE TRIGGER notes_ad AFTER DELETE ON notes BEGIN
  INSERT INTO notes_fts (notes_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
END;
CREATE TRIGGER notes_au AFTER UPDATE OF title, body ON notes BEGIN
  INSERT INTO notes_fts (notes_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
  INSERT INTO notes_fts (rowid, title, body) VALUES (new.id, new.title, new.body);
END;
CREATE TRIGGER notes_touch AFTER UPDATE OF title, body ON notes WHEN new.updated_at = old.updated_at BEGIN
  UPDATE notes SET updated_at = strftime('%s', 'now') WHERE id = new.id;
END;
CREATE TRIGGER messages_bump AFTER INSERT ON messages BEGIN
  UPDATE conversations SET last_message_at = new.sent_at WHERE id = new.conversation_id;
END;
CREATE TRIGGER accounts_created AFTER INSERT ON accounts BEGIN
  INSERT INTO audit_log (entity, entity_id, action) VALUES ('account', new.id, 'insert');
END;
CREATE TRIGGER accounts_audit AFTER UPDATE ON accounts BEGIN
  INSERT INTO audit_log (entity, entity_id, action) VALUES ('account', new.id, 'update');
END;
CREATE TRIGGER pinned_notes_unpin INSTEAD OF DELETE ON pinned_notes BEGIN
  UPDATE notes SET pinned = 0 WHERE id = old.id;
END;
SQL

# The catalog, one line per item, names and collations folded to lower case
# (SQLite compares both so), foreign keys by pragma id, the SQL of views and triggers
# from their AS / first BEGIN on (the name is quoted or not), spaces folded,
# the ON CONFLICT clauses of each table (sqlite_on_conflict.inc).
. "$here/sqlite_on_conflict.inc"
catalog() {
  { cat <<'SQL'
select 'table', lower(name), type, ncol, wr, strict from pragma_table_list
  where schema = 'main' and name not like 'sqlite\_%' escape '\' order by 2;
select 'column', lower(m.name), p.cid, lower(p.name), lower(p.type), p."notnull", p.dflt_value, p.pk, p.hidden
  from sqlite_master m join pragma_table_xinfo(m.name) p where m.type = 'table' order by 2, 3;
select 'index', lower(m.name), lower(il.name), il."unique", il.origin, il.partial
  from sqlite_master m join pragma_index_list(m.name) il where m.type = 'table' order by 2, 3;
select 'index column', lower(il.name), x.seqno, x.cid, lower(x.name), x."desc", lower(x.coll), x.key
  from sqlite_master m join pragma_index_list(m.name) il join pragma_index_xinfo(il.name) x
  where m.type = 'table' order by 2, 3;
select 'index where', lower(name), lower(trim(substr(sql, instr(lower(sql), ' where ')))) from sqlite_master
  where type = 'index' and sql like '% where %' order by 2;
select 'foreign key', lower(m.name), f.id, f.seq, lower(f."table"), lower(f."from"), lower(f."to"), f.on_update, f.on_delete
  from sqlite_master m join pragma_foreign_key_list(m.name) f where m.type = 'table' order by 2, 3, 4;
select type, lower(name), lower(tbl_name), trim(replace(replace(substr(sql, case type
  when 'view' then instr(lower(sql), ' as ') + 4 when 'trigger' then instr(lower(sql), ' begin')
  else instr(lower(sql), ' using ') + 7 end), char(10), ' '), '  ', ' '))
  from sqlite_master where type in ('view', 'trigger') or sql like 'create virtual %' order by 1, 2;
SQL
    printf '%s\n' "$on_conflict_sql"
  } | sqlite3 -batch -separator '|' "$1"
}
same_catalog() {
  local a b; a=$(catalog "$1"); b=$(catalog "$2")
  [ -n "$a" ] || { out=""; bad "$3: no catalog read"; return; }
  [ "$a" = "$b" ] || { out=$(diff <(printf '%s\n' "$a") <(printf '%s\n' "$b") | head -n 30); bad "$3: the catalogs differ"; }
}
# schema:update --dump prints no statement: only the "nothing to do" comment
nothing_to_update() {
  local o; o=$(cd proj && "$TIDE_BIN" --url "sqlite:$1" schema:update --dump 2>&1)
  case "$o" in *"nothing to do"*) ;; *) out=$o; bad "schema:update --dump against $1 has something to do" ;; esac
  if printf '%s\n' "$o" | grep -qv '^--'; then out=$o; bad "schema:update --dump against $1 prints SQL"; fi
}

t "the application schema loads: two dozen tables and more, views, triggers, virtual tables"
sqlite3 -bail app.db < app.sql || bad "app.sql failed"
n=$(sq app.db "select count(*) from pragma_table_list where schema = 'main' and type = 'table' and name not like 'sqlite_%'")
[ "$n" -ge 24 ] || { out=$n; bad "only $n tables"; }
[ "$(sq app.db "select count(*) from pragma_table_xinfo('notes') where hidden in (2, 3)")" = 2 ] || bad "notes has no generated columns"

t "schema:inspect --format lua writes every kind of item"
tide --url sqlite:app.db schema:inspect --format lua; expect_rc 0
for want in ':strict()' ':withoutRowid()' ':generated "length(body)' ':generated("lower(trim(title))", { stored = true })' \
            'where = "pinned = 1"' '"created_at desc"' 'title_sort collate nocase' 'deferrable = true' \
            't.virtualTable "notes_fts"' 't.virtualTable "places"' 't.view "busy_conversations"' \
            't.trigger "pinned_notes_unpin"' 't.check("accounts_check"' \
            ':unique { onConflict = "replace" }' ':notNull { onConflict = "replace" }' \
            ':primary { onConflict = "rollback" }' 'onConflict = "ignore" }' 'onConflict = "fail" }'; do
  expect_out "$want"
done
expect_no 'notes_fts_data'
mkdir -p proj/schema; printf '%s\n' "$stdout" > proj/schema/app.lua

t "definitions -> schema:create: the same catalog, the same inspect, nothing to update"
(cd proj && "$TIDE_BIN" --url sqlite:../made.db schema:create --run >/dev/null 2>create.err) || { out=$(cat proj/create.err); bad "schema:create failed"; }
same_catalog app.db made.db "inspect -> create"
tide --url sqlite:made.db schema:inspect --format lua; expect_rc 0
[ "$stdout" = "$(cat proj/schema/app.lua)" ] || { out=$(diff proj/schema/app.lua <(printf '%s\n' "$stdout") | head -20); bad "the created database inspects differently"; }
nothing_to_update ../app.db
nothing_to_update ../made.db

t "foreign keys in the order declared; a nullable text key stays nullable"
a=$(sq app.db "select id, \"table\", \"from\" from pragma_foreign_key_list('notes') order by id")
b=$(sq made.db "select id, \"table\", \"from\" from pragma_foreign_key_list('notes') order by id")
[ "$a" = "$b" ] || { out="$a / $b"; bad "notes' foreign keys: not in the order app.sql declares them (ids not as SQLite gave them)"; }
for db in app.db made.db; do
  [ "$(sq $db "select \"notnull\" from pragma_table_info('feature_flags') where name = 'name'")" = 0 ] || bad "$db: the text key of a rowid table is not nullable"
  [ "$(sq $db "select \"notnull\" from pragma_table_info('settings') where name = 'key'")" = 1 ] || bad "$db: the key of a STRICT table is nullable"
done
grep -q 't.col "name"    :type "TEXT"    :nullable() :primary() :collate "nocase"' proj/schema/app.lua || { out=$(grep -A3 'feature_flags' proj/schema/app.lua); bad "inspect does not write the nullable key"; }

# rows for the rebuilds
sq app.db "insert into accounts (email, display_name) values ('a@x', 'A'), ('b@x', null), ('c@x', 'C');
delete from accounts where email = 'c@x';
insert into folders (id, account_id, name) values (1, 1, 'Inbox');
insert into notes (id, folder_id, account_id, title, body) values (1, 1, 1, 'Hello', 'hello brave world'), (2, null, 2, 'Two', 'x');
insert into downloads (url, error) values ('http://a', 'timeout');" || bad "seeding failed"

t "a rebuild keeps rows, AUTOINCREMENT, indexes, views and triggers, and fires no user trigger"
sed -e "s/  display_name TEXT,/  display_name TEXT CHECK (display_name <> ''),/" \
    -e 's/  pinned INTEGER NOT NULL DEFAULT 0,/  pinned INTEGER NOT NULL DEFAULT 0 CHECK (pinned IN (0, 1)),/' \
    -e '/^  error TEXT$/d' -e 's/  progress REAL NOT NULL DEFAULT 0,/  progress REAL NOT NULL DEFAULT 0/' app.sql > next.sql
sqlite3 -bail next.db < next.sql || bad "next.sql failed"
audit0=$(sq app.db "select count(*) from audit_log")
tide --url sqlite:app.db schema:diff --from sqlite:app.db --to sqlite:next.db; expect_rc 0
expect_out 'accounts__tide_new'; expect_out 'notes__tide_new'
expect_out 'alter table "downloads" drop column "error"'; expect_no 'downloads__tide_new'
expect_no 'drop view'; expect_no 'create table "folders'
tide --url sqlite:app.db schema:diff --from sqlite:app.db --to sqlite:next.db --run; expect_rc 0
same_catalog app.db next.db "after the rebuilds"
tide --url sqlite:app.db schema:diff --from sqlite:app.db --to sqlite:next.db; expect_out "nothing to do"
[ "$(sq app.db "select count(*) from audit_log")" = "$audit0" ] || bad "a trigger fired while copying"
[ "$(sq app.db "select id, email, display_name from accounts order by id")" = $'1|a@x|A\n2|b@x|' ] || bad "accounts' rows"
sq app.db "insert into accounts (email) values ('d@x')"
[ "$(sq app.db "select max(id) from accounts")" = 4 ] || bad "the AUTOINCREMENT counter was not kept (id 3 reused)"
[ "$(sq app.db "select count(*) from audit_log")" = $((audit0 + 1)) ] || bad "the insert trigger was not created again"
[ "$(sq app.db "select l.title, l.folder, n.word_count from live_notes l join notes n using (id) order by id")" = $'Hello|Inbox|3\nTwo||1' ] || bad "the view over notes or its generated column"
[ "$(sq app.db "select rowid from notes_fts where notes_fts match 'brave'")" = 1 ] || bad "the fts index lost its rows"
sq app.db "insert into notes (id, account_id, title, body) values (3, 1, 'Three', 'brave new')"
[ "$(sq app.db "select count(*) from notes_fts where notes_fts match 'brave'")" = 2 ] || bad "the fts triggers were not created again"
[ "$(sq app.db "select count(*) from sqlite_master where type = 'index' and tbl_name = 'notes'")" = 3 ] || bad "notes' indexes"

t "PRAGMA foreign_key_check stops a rebuild over rows that break a foreign key; nothing is committed"
sq app.db "insert into messages (conversation_id, sent_at) values (999, 1)"    # foreign keys are off in sqlite3
sed 's/  body TEXT,$/  body TEXT CHECK (length(body) < 65536),/' next.sql > fk.sql
sqlite3 -bail fk.db < fk.sql || bad "fk.sql failed"
tide --url sqlite:app.db schema:diff --from sqlite:app.db --to sqlite:fk.db --run
expect_rc 1; expect_out "foreign key check failed"; expect_out "'messages' row"
[ "$(sq app.db "select count(*) from sqlite_master where name = 'messages' and sql like '%65536%'")" = 0 ] || bad "the rebuild was committed"
t "collation names ignore case: definitions saying nocase match a table saying NOCASE"
mkdir -p coll/schema
sq coll/c.db "create table t (id integer primary key, name text not null collate NOCASE, code text collate Binary);
create index t_n on t (name collate RTRIM desc)"
cat > coll/schema/app.lua <<'LUA'
local t = require "tide.schema"
return { t.table "t" { t.col "id" :type "integer" :primary(), t.col "name" :type "text" :collate "nocase",
  t.col "code" :type "text" :nullable(), t.index { expression = "name collate rtrim desc", name = "t_n" } } }
LUA
o=$(cd coll && "$TIDE_BIN" --url sqlite:c.db schema:update --dump 2>&1)
case "$o" in *"nothing to do"*) ;; *) out=$o; bad "a collation spelled in another case is a change" ;; esac
finish
