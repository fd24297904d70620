# The SQL corpus (tests/diff/sql/sqlite, driven by tests/diff/sql_corpus.inc)
# on SQLite: views, triggers, virtual tables, generated columns, table
# options and indexes written as SQL, diffed database to database.
# TIDE_SQL_CASES="NN_name ..." runs only those cases.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
DIALECT=sqlite
n=0
fresh_db() { n=$((n + 1)); URL="sqlite:$work/db$n.sqlite"; }
run_sql() { sqlite3 -bail -batch -separator '|' "${URL#sqlite:}" < "$1"; }
# Names folded to lower case (SQLite compares identifiers so); the SQL of
# views and virtual tables from their AS / USING on, of triggers whole,
# spaces folded.
catalog() {
  sqlite3 -batch -separator '|' "${URL#sqlite:}" <<'SQL'
create temp view norm as select type, lower(name) as name, lower(tbl_name) as tbl,
  lower(trim(replace(replace(replace(sql, char(10), ' '), char(9), ' '), '  ', ' '))) as sql
  from sqlite_master where name not like 'sqlite\_%' escape '\';
select 'table', lower(name), type, ncol, wr, strict from pragma_table_list
  where schema = 'main' and name not like 'sqlite\_%' escape '\' order by 2;
select 'column', lower(m.name), p.cid, lower(p.name), lower(p.type), p."notnull", p.dflt_value, p.pk, p.hidden
  from sqlite_master m join pragma_table_xinfo(m.name) p where m.type = 'table' order by 2, 3;
select 'index', lower(m.name), lower(il.name), il."unique", il.origin, il.partial,
  (select lower(trim(substr(s.sql, instr(lower(s.sql), ' on ')))) from sqlite_master s where s.name = il.name)
  from sqlite_master m join pragma_index_list(m.name) il where m.type = 'table' order by 2, 3;
select 'index column', lower(il.name), x.seqno, x.cid, lower(x.name), x."desc", lower(x.coll), x.key
  from sqlite_master m join pragma_index_list(m.name) il join pragma_index_xinfo(il.name) x
  where m.type = 'table' order by 2, 3;
select 'foreign key', lower(m.name), f.id, f.seq, lower(f."table"), lower(f."from"), lower(f."to"), f.on_update, f.on_delete
  from sqlite_master m join pragma_foreign_key_list(m.name) f where m.type = 'table' order by 2, 3, 4;
select 'view', name, trim(substr(sql, instr(sql, ' as ') + 4)) from norm where type = 'view' order by 2;
select 'virtual table', name, trim(substr(sql, instr(sql, ' using ') + 7)) from norm
  where type = 'table' and sql like 'create virtual %' order by 2;
select 'trigger', name, tbl, sql from norm where type = 'trigger' order by 2;
select 'autoincrement', lower(name) from sqlite_master where type = 'table' and sql like '%autoincrement%' order by 2;
SQL
}
. "$here/../diff/sql_corpus.inc"
run_sql_corpus
finish
