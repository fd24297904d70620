# Issue 19's round trip on SQLite: one schema holding fts5 and rtree tables,
# views over them, double-quoted string defaults, INT PRIMARY KEY tables
# (not the rowid), a Room-style INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
# DEFAULT NULL, ON CONFLICT clauses, a view naming its columns and foreign
# keys declared out of name order goes schema:inspect --format lua ->
# schema:create --run to the same catalog (SQLite's pragmas and the SQL of
# views, triggers and virtual tables), and schema:update --dump then has
# nothing to do.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
. "$here/sqlite_db.inc"

cat > exact.sql <<'SQL'
CREATE TABLE book (isbn INT PRIMARY KEY, title TEXT NOT NULL DEFAULT "untitled", lang TEXT DEFAULT "",
  note TEXT DEFAULT NULL);
CREATE TABLE `Shelf` (`id` INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, `label` TEXT NOT NULL UNIQUE ON CONFLICT REPLACE);
CREATE TABLE placement (id INTEGER PRIMARY KEY, shelf_id INTEGER REFERENCES `Shelf` (id),
  isbn INT, FOREIGN KEY (isbn) REFERENCES book (isbn) ON DELETE CASCADE);
CREATE VIRTUAL TABLE book_fts USING fts5(title, content='book', content_rowid='isbn');
CREATE VIRTUAL TABLE shelf_box USING rtree(id, min_x, max_x, min_y, max_y);
CREATE VIEW found (isbn, title) AS SELECT rowid, title FROM book_fts WHERE book_fts MATCH 'dune';
CREATE VIEW big_boxes AS SELECT id FROM shelf_box WHERE max_x - min_x > 10;
CREATE TRIGGER book_ai AFTER INSERT ON book BEGIN
  INSERT INTO book_fts (rowid, title) VALUES (new.isbn, new.title);
END;
SQL

t "the schema loads"
out=$(sqlite3 -bail exact.db < exact.sql 2>&1) || bad "exact.sql failed"

t "schema:inspect -> schema:create --run: the same catalog; nothing left to update"
mkdir -p proj/schema
tide --url sqlite:exact.db schema:inspect --format lua; expect_rc 0
printf '%s\n' "$stdout" > proj/schema/app.lua
(cd proj && "$TIDE_BIN" --url sqlite:../made.db schema:create --run) > create.out 2>&1 || { out=$(cat create.out); bad "schema:create --run failed"; }
# a double-quoted default is written back as SQLite keeps it, "untitled", never ("untitled")
URL=sqlite:exact.db; a=$(catalog); URL=sqlite:made.db; b=$(catalog)
[ "$a" = "$b" ] || { out=$(diff <(printf '%s\n' "$a") <(printf '%s\n' "$b") | head -n 30); bad "the catalogs differ (< inspected, > created)"; }
for db in made.db exact.db; do
  (cd proj && "$TIDE_BIN" --url "sqlite:../$db" schema:update --dump) > update.out 2>&1
  out=$(cat update.out); expect_out "nothing to do"
done
[ "$(sqlite3 made.db "select dflt_value from pragma_table_info('book') where name = 'title'")" = '"untitled"' ] ||
  bad "the double-quoted default is not written back as it was"
[ "$(sqlite3 made.db "insert into book (isbn, title) values (1, 'Dune'); select title from found")" = "Dune" ] ||
  bad "the view over the fts5 table does not find the row the trigger indexed"
finish
