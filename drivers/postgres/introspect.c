/* introspect.c — reads a live PostgreSQL schema from pg_catalog into tide's
 * model, written the way the DSL writes it so that a schema created from
 * definitions reads back equal. At most 26 catalog queries (tables, which
 * kinds of object exist, columns, constraints, indexes, enums, namespaces,
 * then one per object kind there is any of, and one for what the model does
 * not carry) in one read-only snapshot, however many tables: per-table
 * lists come back as arrays, never as more queries. A large schema's
 * columns are read on a second connection in the same snapshot (the end of
 * this file). */
#include "pg_internal.h"
#include "sqltext.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { OID_TEXT_ARRAY = 1009 };

/* Statements sent by the last pg_introspect (see pg_internal.h). */
static int queries_sent;

int pg_introspect__queries(void)
{
    return queries_sent;
}

/* The namespaces read: those in $1, or with $1 NULL every user namespace. */
#define NAMESPACES "(n.nspname = ANY ($1::text[]) OR ($1::text[] IS NULL AND " \
    "n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'))"

/* The tables read: the namespaces of $1, less the names of $2 ("t" or
 * "schema.t"); ordinary and partitioned tables, not partitions (they belong
 * to their parent) nor tables an extension created. Every query starts here. */
#define RELS_CTE "WITH rels AS (" RELS ") "
/* The same, computed once before the query joins it (PostgreSQL inlines a
 * CTE otherwise): for the columns, whose query then joins 5,000 tables'
 * columns to their table rather than 100,000 columns to the tables' tests
 * (a third of its time). */
#define RELS_CTE_MATERIALIZED "WITH rels AS MATERIALIZED (" RELS ") "
#define RELS \
    "SELECT c.oid, n.nspname, c.relname FROM pg_catalog.pg_class c " \
    "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace " \
    "WHERE " NAMESPACES " AND c.relkind IN ('r', 'p') AND NOT c.relispartition " \
    "AND NOT (c.relname = ANY ($2::text[]) OR n.nspname || '.' || c.relname = ANY ($2::text[])) " \
    "AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d " \
    "WHERE d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.objid = c.oid " \
    "AND d.deptype = 'e')"

/* The partitions of the tables read, at any depth (a partition that is
 * partitioned in turn has its own): c, each with r, the table read at the
 * root of its tree. */
#define PARTITIONS_READ \
    "FROM rels r JOIN pg_catalog.pg_class c ON c.relispartition AND pg_catalog.pg_partition_root(c.oid) = r.oid "

/* The comment of an object (pg_description; sub: a column's number, or
 * 0), looked up by its key for each row: OFFSET 0 keeps it a lookup. As a
 * plain join, with the catalogs' statistics stale (a schema just made,
 * autovacuum not yet by) the planner took the comments for a handful of
 * rows and scanned them all once per row (10,000 indexes: 3 s). */
#define DESCRIPTION_OF(alias, cls, oid, sub) \
    "LEFT JOIN LATERAL (SELECT " alias "_.description FROM pg_catalog.pg_description " alias "_ " \
    "WHERE " alias "_.objoid = " oid " AND " alias "_.classoid = '" cls "'::pg_catalog.regclass " \
    "AND " alias "_.objsubid = " sub " OFFSET 0) " alias " ON true "
#define DESCRIPTION(alias, cls, oid) DESCRIPTION_OF(alias, cls, oid, "0")

/* Comments come from pg_description (DESCRIPTION: an index lookup per row),
 * rather than from obj_description/col_description, which run a query per
 * row. */
static const char sql_tables[] = RELS_CTE
    "SELECT r.oid, r.nspname, r.relname, d.description, c.relpersistence, c.relrowsecurity, c.relforcerowsecurity, "
    "CASE WHEN c.relkind = 'p' THEN pg_catalog.pg_get_partkeydef(r.oid) END, "
    "ARRAY(SELECT CASE WHEN pn.nspname = 'public' THEN pc.relname ELSE pn.nspname || '.' || pc.relname END "
    "FROM pg_catalog.pg_inherits ih "
    "JOIN pg_catalog.pg_class pc ON pc.oid = ih.inhparent "
    "JOIN pg_catalog.pg_namespace pn ON pn.oid = pc.relnamespace "
    "WHERE ih.inhrelid = r.oid ORDER BY ih.inhseqno), "
    "(SELECT ci.relname FROM pg_catalog.pg_index cx JOIN pg_catalog.pg_class ci ON ci.oid = cx.indexrelid "
    "WHERE cx.indrelid = r.oid AND cx.indisclustered), pg_catalog.array_to_string(c.reloptions, ', '), "
    "CASE c.relreplident WHEN 'f' THEN 'full' WHEN 'n' THEN 'nothing' WHEN 'i' THEN "
    "(SELECT 'using index ' || ci.relname FROM pg_catalog.pg_index cx "
    "JOIN pg_catalog.pg_class ci ON ci.oid = cx.indexrelid WHERE cx.indrelid = r.oid AND cx.indisreplident) END "
    "FROM rels r "
    "JOIN pg_catalog.pg_class c ON c.oid = r.oid "
    DESCRIPTION("d", "pg_catalog.pg_class", "r.oid")
    "ORDER BY r.nspname, r.relname";

/* Whether the default of column num of relation rel depends on sequence seq
 * (its nextval): the default's oid looked up first by its column (a unique
 * index), then its dependencies by that oid. Written so that no plan can
 * start from "every dependency of every default": with the catalogs'
 * statistics stale (a schema just made, autovacuum not yet by), the planner
 * did, once per sequence, and schema:inspect of 5,000 tables took 117 s. */
#define DEFAULT_USES(rel, num, seq) \
    "EXISTS (SELECT 1 FROM pg_catalog.pg_depend u " \
    "WHERE u.classid = 'pg_catalog.pg_attrdef'::pg_catalog.regclass AND u.objid = " \
    "(SELECT ad.oid FROM pg_catalog.pg_attrdef ad WHERE ad.adrelid = " rel " AND ad.adnum = " num ") " \
    "AND u.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass AND u.refobjid = " seq ")"

/* The relation a column's default or generation expression is read
 * against: a default names no column (PostgreSQL refuses one that does), so
 * it is read without one (0), which spares pg_get_expr a lookup of the
 * relation per default (a fifth of the columns' query); a generated
 * column's expression names columns, so it is read against its table. */
#define DEFAULT_RELATION "CASE WHEN a.attgenerated <> '' THEN ad.adrelid ELSE 0 END"

/* Per column: type with and without its modifier (a default's cast may
 * carry either), whether the default is nextval() of a sequence owned by
 * that same column (serial: the sequence depends on the column with deptype
 * 'a', the default on the sequence; asked once per owned sequence, in
 * "owned": a list of every such default joined to the columns was estimated
 * at one row, and without parallel workers the planner looped over it once
 * per column, 15 to 37 s for 5,000 tables), and the enum behind the type or
 * its elements. */
static const char sql_columns[] = RELS_CTE_MATERIALIZED
    ", owned AS (SELECT o.refobjid, o.refobjsubid, 'as ' || pg_catalog.format_type(s.seqtypid, NULL) || "
    "' increment by ' || s.seqincrement || ' minvalue ' || s.seqmin || ' maxvalue ' || s.seqmax || "
    "' start with ' || s.seqstart || ' cache ' || s.seqcache || "
    "CASE WHEN s.seqcycle THEN ' cycle' ELSE ' no cycle' END AS options, sd.description, sc.relname, "
    "o.deptype = 'a' AND " DEFAULT_USES("o.refobjid", "o.refobjsubid", "o.objid") " AS serial "
    "FROM pg_catalog.pg_sequence s JOIN pg_catalog.pg_class sc ON sc.oid = s.seqrelid "
    /* the column owning it, looked up per sequence (OFFSET 0): with stale
     * statistics the planner read every dependency on a table instead */
    "CROSS JOIN LATERAL (SELECT o.refobjid, o.refobjsubid, o.deptype, o.objid FROM pg_catalog.pg_depend o "
    "WHERE o.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND o.objid = s.seqrelid "
    "AND o.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass "
    "AND o.deptype IN ('a', 'i') AND o.refobjsubid > 0 OFFSET 0) o "
    DESCRIPTION("sd", "pg_catalog.pg_class", "s.seqrelid")
    ") "
    "SELECT a.attrelid, a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod), "
    "pg_catalog.format_type(a.atttypid, NULL), t.typcategory, a.attnotnull, a.attidentity, "
    "a.attgenerated, pg_catalog.pg_get_expr(ad.adbin, " DEFAULT_RELATION "), COALESCE(ow.serial, false), "
    "ds.description, CASE WHEN a.attcollation <> t.typcollation THEN co.collname END, "
    "et.nspname, et.typname, et.oid <> t.oid, ow.options, "
    "CASE WHEN a.attstattarget >= 0 THEN a.attstattarget::text END, "
    "CASE WHEN a.attstorage <> t.typstorage THEN CASE a.attstorage WHEN 'p' THEN 'plain' "
    "WHEN 'e' THEN 'external' WHEN 'm' THEN 'main' ELSE 'extended' END END, "
    "CASE a.attcompression WHEN 'p' THEN 'pglz' WHEN 'l' THEN 'lz4' END, ow.description, ow.relname, "
    "pg_catalog.array_to_string(a.attoptions, ', ') "   /* attribute options, in their order */
    "FROM rels r JOIN pg_catalog.pg_attribute a ON a.attrelid = r.oid "
    "JOIN pg_catalog.pg_type t ON t.oid = a.atttypid "
    "LEFT JOIN pg_catalog.pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum "
    "LEFT JOIN owned ow ON ow.refobjid = a.attrelid AND ow.refobjsubid = a.attnum "
    DESCRIPTION_OF("ds", "pg_catalog.pg_class", "a.attrelid", "a.attnum")
    "LEFT JOIN pg_catalog.pg_collation co ON co.oid = a.attcollation "
    /* the enum, looked up by its oid for each column (OFFSET 0 keeps it a lookup):
     * as a join, with stale statistics (a schema just made) the planner read
     * every enum of the database once per column */
    "LEFT JOIN LATERAL (SELECT en.nspname, et.typname, et.oid FROM pg_catalog.pg_type et "
    "JOIN pg_catalog.pg_namespace en ON en.oid = et.typnamespace WHERE et.oid = "
    "CASE WHEN t.typtype = 'e' THEN t.oid WHEN t.typcategory = 'A' THEN t.typelem END "
    "AND et.typtype = 'e' OFFSET 0) et ON true "
    "WHERE a.attnum > 0 AND NOT a.attisdropped AND a.attislocal "   /* not inherited */
    "ORDER BY a.attrelid, a.attnum";

/* The names of the columns of a key (an int2[] of attnums of relation rel),
 * in key order: a lookup per column, which the planner turns into an index
 * probe (a join here gets hashed once per constraint, three times slower). */
#define KEY_NAMES(key, rel) \
    "ARRAY(SELECT (SELECT a.attname FROM pg_catalog.pg_attribute a " \
    "WHERE a.attrelid = " rel " AND a.attnum = k.attnum) " \
    "FROM pg_catalog.unnest(" key ") WITH ORDINALITY k(attnum, n) ORDER BY k.n)"

/* NOT NULL constraints are not 'p', 'u', 'f' nor 'c' (PostgreSQL 18 lists
 * them as 'n'). conparentid <> 0 marks the copies PostgreSQL makes of a
 * foreign key to a partitioned table, one per partition. */
static const char sql_constraints[] = RELS_CTE
    "SELECT co.conrelid, co.conname, co.contype, " KEY_NAMES("co.conkey", "co.conrelid") ", "
    "fn.nspname, fc.relname, "
    "CASE WHEN co.contype = 'f' THEN " KEY_NAMES("co.confkey", "co.confrelid") " END, "
    "co.confdeltype, co.confupdtype, co.condeferrable, co.condeferred, "
    "CASE WHEN co.contype IN ('c', 'x') THEN pg_catalog.pg_get_constraintdef(co.oid) END, "
    "co.convalidated, co.connoinherit, "
    "CASE WHEN co.contype = 'u' THEN (SELECT ix.indnullsnotdistinct FROM pg_catalog.pg_index ix "
    "WHERE ix.indexrelid = co.conindid) END, "
    "cd.description, "
    "(SELECT ' (' || pg_catalog.string_agg(pg_catalog.quote_ident(a.attname), ', ' ORDER BY k.n) || ')' "
    "FROM pg_catalog.unnest(co.confdelsetcols) WITH ORDINALITY k(attnum, n) "
    "JOIN pg_catalog.pg_attribute a ON a.attrelid = co.conrelid AND a.attnum = k.attnum), "
    "co.confmatchtype, "
    "CASE WHEN co.contype IN ('u', 'p') THEN (SELECT "
    KEY_NAMES("(ix.indkey::pg_catalog.int2[])[ix.indnkeyatts:ix.indnatts - 1]", "ix.indrelid") " "
    "FROM pg_catalog.pg_index ix WHERE ix.indexrelid = co.conindid AND ix.indnkeyatts < ix.indnatts) END "
    "FROM rels r JOIN pg_catalog.pg_constraint co ON co.conrelid = r.oid "
    DESCRIPTION("cd", "pg_catalog.pg_constraint", "co.oid")
    "LEFT JOIN pg_catalog.pg_class fc ON fc.oid = co.confrelid "
    "LEFT JOIN pg_catalog.pg_namespace fn ON fn.oid = fc.relnamespace "
    "WHERE co.contype IN ('p', 'u', 'f', 'c', 'x') AND co.conparentid = 0 AND co.conislocal "
    "ORDER BY co.conrelid, co.conname";

/* Indexes that back a primary key, unique or exclusion constraint are the
 * constraint's, not indexes of their own. Key columns, then the INCLUDE
 * columns that follow them in indkey, an int2vector, whose subscripts start
 * at 0. An index whose keys are more than column names (expressions, an
 * operator class that is not the type's default, a collation that is not
 * the column's) is read as the key list pg_get_indexdef prints. */
#define INDEX_AS_TEXT \
    "(i.indexprs IS NOT NULL " \
    "OR i.indclass::pg_catalog.oid[] OPERATOR(pg_catalog.&&) ARRAY(SELECT oc.oid FROM pg_catalog.pg_opclass oc " \
    "WHERE NOT oc.opcdefault) " \
    "OR EXISTS (SELECT 1 FROM ROWS FROM (pg_catalog.unnest(i.indcollation::pg_catalog.oid[]), " \
    "pg_catalog.unnest((i.indkey::pg_catalog.int2[])[0:i.indnkeyatts - 1])) u(coll, att) " \
    "WHERE u.coll <> (SELECT ca.attcollation FROM pg_catalog.pg_attribute ca " \
    "WHERE ca.attrelid = i.indrelid AND ca.attnum = u.att))) AS as_text"
/* (the operator classes that are not a type's default: one list for the
 * whole query, rather than a scan of pg_opclass per index; a key's
 * collation beside its column's by a lookup per key, rather than a join
 * with every column of the table) */
static const char sql_indexes[] = RELS_CTE
    "SELECT i.indrelid, ic.relname, i.indisunique, am.amname, x.as_text, "
    KEY_NAMES("(i.indkey::pg_catalog.int2[])[0:i.indnkeyatts - 1]", "i.indrelid") ", "
    "i.indoption::text, pg_catalog.pg_get_expr(i.indpred, i.indrelid), "
    "CASE WHEN x.as_text THEN pg_catalog.pg_get_indexdef(i.indexrelid) END, "
    KEY_NAMES("(i.indkey::pg_catalog.int2[])[i.indnkeyatts:i.indnatts - 1]", "i.indrelid") ", "
    "ixd.description, pg_catalog.array_to_string(ic.reloptions, ', '), i.indnullsnotdistinct "
    "FROM rels r JOIN pg_catalog.pg_index i ON i.indrelid = r.oid "
    DESCRIPTION("ixd", "pg_catalog.pg_class", "i.indexrelid")
    "JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid "
    "JOIN pg_catalog.pg_am am ON am.oid = ic.relam "
    "CROSS JOIN LATERAL (SELECT " INDEX_AS_TEXT ") x "
    "WHERE NOT i.indisprimary AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint co "
    "WHERE co.conrelid = i.indrelid AND co.conindid = i.indexrelid "
    "AND co.contype IN ('p', 'u', 'x')) "
    "ORDER BY i.indrelid, ic.relname";

static const char sql_enums[] =
    "SELECT n.nspname, t.typname, (SELECT pg_catalog.array_agg(e.enumlabel ORDER BY e.enumsortorder) "
    "FROM pg_catalog.pg_enum e WHERE e.enumtypid = t.oid), d.description "
    "FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace "
    DESCRIPTION("d", "pg_catalog.pg_type", "t.oid")
    "WHERE t.typtype = 'e' AND " NAMESPACES " "
    "AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d "
    "WHERE d.classid = 'pg_catalog.pg_type'::pg_catalog.regclass AND d.objid = t.oid "
    "AND d.deptype = 'e') "
    "ORDER BY n.nspname, t.typname";

/* The namespaces read, empty ones too, but the default one (read only
 * for a comment that is not the one CREATE DATABASE gives it, 'standard
 * public schema': no comment, as pg_dump takes it), those an extension
 * made, and one that holds a table left out (the tracking table's: it is
 * not part of the schema, its namespace neither). */
static const char sql_namespaces[] =
    "SELECT n.nspname, d.description FROM pg_catalog.pg_namespace n "
    DESCRIPTION("d", "pg_catalog.pg_namespace", "n.oid")
    "WHERE " NAMESPACES " AND (n.nspname <> 'public' OR d.description <> 'standard public schema') "
    "AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d "
    "WHERE d.classid = 'pg_catalog.pg_namespace'::pg_catalog.regclass AND d.objid = n.oid "
    "AND d.deptype = 'e') "
    "AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_class c WHERE c.relnamespace = n.oid "
    "AND n.nspname || '.' || c.relname = ANY ($2::text[])) "
    "ORDER BY n.nspname";

/* ---- objects beside tables: one query per kind ---------------------------- */

/* Not made by an extension (CREATE EXTENSION owns them: deptype 'e'). */
#define NOT_EXTENSION(cls, oid) \
    "NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend x WHERE x.classid = '" cls \
    "'::pg_catalog.regclass AND x.objid = " oid " AND x.deptype = 'e')"

/* Not made by PostgreSQL for another object (deptype 'i': the constructors
 * and casts of a range type, which go with it). */
#define NOT_INTERNAL(cls, oid) \
    "NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend x WHERE x.classid = '" cls \
    "'::pg_catalog.regclass AND x.objid = " oid " AND x.deptype = 'i')"

/* A relation's name as the model writes a read: "name" in public, else
 * "schema.name". */
#define READ_NAME(nsp, rel) \
    "CASE WHEN " nsp " = 'public' THEN " rel " ELSE " nsp " || '.' || " rel " END"

/* The tables, views and materialized views that the rows of class cls
 * (pg_rewrite, pg_policy) with objid matching `match` depend on. */
#define READS_OF(cls, match, self) \
    "ARRAY(SELECT DISTINCT " READ_NAME("rn.nspname", "rc.relname") " FROM pg_catalog.pg_depend dp " \
    "JOIN pg_catalog.pg_class rc ON rc.oid = dp.refobjid " \
    "JOIN pg_catalog.pg_namespace rn ON rn.oid = rc.relnamespace " \
    "WHERE dp.classid = '" cls "'::pg_catalog.regclass AND " match " " \
    "AND dp.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass AND dp.refobjid <> " self " " \
    "AND rc.relkind IN ('r', 'p', 'v', 'm', 'f'))"

/* Views and materialized views: the query as pg_get_viewdef(oid, true)
 * prints it (kept without its trailing semicolon), followed by a view's
 * check option (kept in reloptions, which CREATE VIEW takes after the
 * query), what its rules read, its options, and a view's column defaults
 * (ALTER VIEW ... ALTER COLUMN ... SET DEFAULT) as a text[] of column,
 * expression, column, expression... */
static const char sql_views[] =
    "SELECT n.nspname, c.relname, c.relkind, pg_catalog.rtrim(pg_catalog.pg_get_viewdef(c.oid, true), ';') "
    "|| CASE WHEN 'check_option=local' = ANY (c.reloptions) THEN E'\\n  WITH LOCAL CHECK OPTION' "
    "WHEN 'check_option=cascaded' = ANY (c.reloptions) THEN E'\\n  WITH CASCADED CHECK OPTION' ELSE '' END, "
    "d.description, "
    READS_OF("pg_catalog.pg_rewrite", "dp.objid IN (SELECT rw.oid FROM pg_catalog.pg_rewrite rw "
             "WHERE rw.ev_class = c.oid)", "c.oid") ", "
    "(SELECT pg_catalog.string_agg(o.opt, ', ' ORDER BY o.n) FROM pg_catalog.unnest(c.reloptions) "
    "WITH ORDINALITY o(opt, n) WHERE o.opt NOT LIKE 'check\\_option=%'), "
    "(SELECT pg_catalog.array_agg(x.v ORDER BY a.attnum, x.k) FROM pg_catalog.pg_attrdef ad "
    "JOIN pg_catalog.pg_attribute a ON a.attrelid = ad.adrelid AND a.attnum = ad.adnum AND NOT a.attisdropped "
    "CROSS JOIN LATERAL (VALUES (0, a.attname::text), (1, pg_catalog.pg_get_expr(ad.adbin, ad.adrelid))) "
    "x(k, v) WHERE ad.adrelid = c.oid) "
    "FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
    DESCRIPTION("d", "pg_catalog.pg_class", "c.oid")
    "WHERE " NAMESPACES " AND c.relkind IN ('v', 'm') AND " NOT_EXTENSION("pg_catalog.pg_class", "c.oid") " "
    "ORDER BY n.nspname, c.relname";

/* Indexes that belong to an object rather than to a table: those of
 * materialized views, and those of one partition only (of a table read),
 * not the copies PostgreSQL attaches to each partition of an index of the
 * parent (the copy inherits from the parent's index) nor the indexes of
 * constraints. The whole CREATE INDEX statement, and the materialized view
 * or the partition as what it reads (it goes with it). */
static const char sql_object_indexes[] = RELS_CTE
    "SELECT c.relkind, n.nspname, ic.relname, pg_catalog.pg_get_indexdef(i.indexrelid), d.description, "
    "ARRAY[" READ_NAME("n.nspname", "c.relname") "] "
    "FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class c ON c.oid = i.indrelid "
    "JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid "
    "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
    DESCRIPTION("d", "pg_catalog.pg_class", "i.indexrelid")
    "WHERE " NAMESPACES " AND " NOT_EXTENSION("pg_catalog.pg_class", "c.oid") " "
    "AND (c.relkind = 'm' OR c.relispartition AND pg_catalog.pg_partition_root(c.oid) IN (SELECT r.oid FROM rels r)) "
    "AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_inherits ih WHERE ih.inhrelid = i.indexrelid) "
    "AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint co WHERE co.conindid = i.indexrelid "
    "AND co.conrelid = i.indrelid) "
    "ORDER BY n.nspname, ic.relname";

/* Functions and procedures (not aggregates nor window functions, nor those
 * a type made for itself): the whole CREATE OR REPLACE statement. An
 * overloaded name is made unique with its argument types: "f(integer)"
 * (the emitter writes the name before the parenthesis). */
static const char sql_functions[] =
    "SELECT n.nspname, CASE WHEN pg_catalog.count(*) OVER (PARTITION BY p.pronamespace, p.proname) > 1 "
    "THEN p.proname || '(' || pg_catalog.pg_get_function_identity_arguments(p.oid) || ')' "
    "ELSE p.proname END, pg_catalog.pg_get_functiondef(p.oid), d.description "
    "FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace "
    DESCRIPTION("d", "pg_catalog.pg_proc", "p.oid")
    "WHERE " NAMESPACES " AND p.prokind IN ('f', 'p') AND " NOT_EXTENSION("pg_catalog.pg_proc", "p.oid") " "
    "AND " NOT_INTERNAL("pg_catalog.pg_proc", "p.oid") " "
    "ORDER BY n.nspname, p.proname, p.oid";

/* A function named in an aggregate's options: qualified but in pg_catalog. */
#define AGG_FN(oid) \
    "(SELECT CASE WHEN fn.nspname = 'pg_catalog' THEN pg_catalog.quote_ident(f.proname) " \
    "ELSE pg_catalog.quote_ident(fn.nspname) || '.' || pg_catalog.quote_ident(f.proname) END " \
    "FROM pg_catalog.pg_proc f JOIN pg_catalog.pg_namespace fn ON fn.oid = f.pronamespace WHERE f.oid = " oid ")"
#define AGG_OPT(cond, text) "CASE WHEN " cond " THEN E',\n    ' || " text " ELSE '' END || "

/* Aggregates: PostgreSQL prints no CREATE AGGREGATE, so the statement is
 * built here as pg_dump writes it, every option that is not the default
 * said, in one order. Named like functions ("f(integer)" when the name is
 * overloaded). */
static const char sql_aggregates[] =
    "SELECT n.nspname, CASE WHEN pg_catalog.count(*) OVER (PARTITION BY p.pronamespace, p.proname) > 1 "
    "THEN p.proname || '(' || pg_catalog.pg_get_function_identity_arguments(p.oid) || ')' "
    "ELSE p.proname END, "
    "'CREATE AGGREGATE ' || pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(p.proname) || "
    "'(' || CASE WHEN p.pronargs = 0 AND a.aggkind = 'n' THEN '*' "
    "ELSE pg_catalog.pg_get_function_arguments(p.oid) END || E') (\n    SFUNC = ' || " AGG_FN("a.aggtransfn") " || "
    "E',\n    STYPE = ' || pg_catalog.format_type(a.aggtranstype, NULL) || "
    AGG_OPT("a.aggtransspace <> 0", "'SSPACE = ' || a.aggtransspace")
    AGG_OPT("a.aggfinalfn <> 0", "'FINALFUNC = ' || " AGG_FN("a.aggfinalfn"))
    AGG_OPT("a.aggfinalextra", "'FINALFUNC_EXTRA'")
    AGG_OPT("a.aggfinalmodify <> CASE a.aggkind WHEN 'n' THEN 'r' ELSE 'w' END",
            "'FINALFUNC_MODIFY = ' || CASE a.aggfinalmodify WHEN 'r' THEN 'READ_ONLY' "
            "WHEN 's' THEN 'SHAREABLE' ELSE 'READ_WRITE' END")
    AGG_OPT("a.aggcombinefn <> 0", "'COMBINEFUNC = ' || " AGG_FN("a.aggcombinefn"))
    AGG_OPT("a.aggserialfn <> 0", "'SERIALFUNC = ' || " AGG_FN("a.aggserialfn"))
    AGG_OPT("a.aggdeserialfn <> 0", "'DESERIALFUNC = ' || " AGG_FN("a.aggdeserialfn"))
    AGG_OPT("a.agginitval IS NOT NULL", "'INITCOND = ' || pg_catalog.quote_literal(a.agginitval)")
    AGG_OPT("a.aggmtransfn <> 0", "'MSFUNC = ' || " AGG_FN("a.aggmtransfn") " || E',\n    MINVFUNC = ' || "
            AGG_FN("a.aggminvtransfn") " || E',\n    MSTYPE = ' || pg_catalog.format_type(a.aggmtranstype, NULL)")
    AGG_OPT("a.aggmtransspace <> 0", "'MSSPACE = ' || a.aggmtransspace")
    AGG_OPT("a.aggmfinalfn <> 0", "'MFINALFUNC = ' || " AGG_FN("a.aggmfinalfn"))
    AGG_OPT("a.aggmfinalextra", "'MFINALFUNC_EXTRA'")
    AGG_OPT("a.aggmtransfn <> 0 AND a.aggmfinalmodify <> CASE a.aggkind WHEN 'n' THEN 'r' ELSE 'w' END",
            "'MFINALFUNC_MODIFY = ' || CASE a.aggmfinalmodify WHEN 'r' THEN 'READ_ONLY' "
            "WHEN 's' THEN 'SHAREABLE' ELSE 'READ_WRITE' END")
    AGG_OPT("a.aggminitval IS NOT NULL", "'MINITCOND = ' || pg_catalog.quote_literal(a.aggminitval)")
    AGG_OPT("a.aggsortop <> 0", "'SORTOP = OPERATOR(' || (SELECT pg_catalog.quote_ident(opn.nspname) || '.' || "
            "o.oprname FROM pg_catalog.pg_operator o JOIN pg_catalog.pg_namespace opn ON opn.oid = o.oprnamespace "
            "WHERE o.oid = a.aggsortop) || ')'")
    AGG_OPT("p.proparallel <> 'u'", "'PARALLEL = ' || CASE p.proparallel WHEN 's' THEN 'SAFE' ELSE 'RESTRICTED' END")
    AGG_OPT("a.aggkind = 'h'", "'HYPOTHETICAL'")
    "E'\n)', d.description "
    "FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_aggregate a ON a.aggfnoid = p.oid "
    "JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace "
    DESCRIPTION("d", "pg_catalog.pg_proc", "p.oid")
    "WHERE " NAMESPACES " AND p.prokind = 'a' AND " NOT_EXTENSION("pg_catalog.pg_proc", "p.oid") " "
    "ORDER BY n.nspname, p.proname, p.oid";

/* Triggers of the tables read, of their partitions (not the clones of a
 * trigger of the partitioned table: tgparentid), of the views (INSTEAD
 * OF, or for each statement) and of the foreign tables, not those PostgreSQL makes itself (foreign
 * keys' triggers are internal). The table read (a partition's parent), then
 * the namespace and name of the relation the trigger is on, and its state
 * when it does not fire as by default. */
static const char sql_triggers[] = RELS_CTE
    "SELECT CASE WHEN c.relispartition THEN pg_catalog.pg_partition_root(c.oid) ELSE tg.tgrelid END, tg.tgname, "
    "pg_catalog.pg_get_triggerdef(tg.oid, true), "
    "d.description, n.nspname, c.relname, "
    "CASE tg.tgenabled WHEN 'D' THEN 'disabled' WHEN 'R' THEN 'replica' WHEN 'A' THEN 'always' END "
    "FROM pg_catalog.pg_trigger tg JOIN pg_catalog.pg_class c ON c.oid = tg.tgrelid "
    "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
    DESCRIPTION("d", "pg_catalog.pg_trigger", "tg.oid")
    "WHERE (tg.tgrelid IN (SELECT r.oid FROM rels r) "
    "OR c.relispartition AND pg_catalog.pg_partition_root(c.oid) IN (SELECT r.oid FROM rels r) AND tg.tgparentid = 0 "
    "OR c.relkind IN ('v', 'f') AND tg.tgparentid = 0 AND " NAMESPACES " AND "
    NOT_EXTENSION("pg_catalog.pg_class", "c.oid") ") "
    "AND NOT tg.tgisinternal AND " NOT_EXTENSION("pg_catalog.pg_trigger", "tg.oid") " "
    "ORDER BY tg.tgrelid, tg.tgname";

/* Rewrite rules of the tables read and of the views (not a view's own
 * "_RETURN"), as pg_get_ruledef prints them, without its closing ';': the
 * relation read, the name, the definition, the comment, the relation's
 * namespace and name (as for triggers). */
static const char sql_rules[] = RELS_CTE
    "SELECT rw.ev_class, rw.rulename, pg_catalog.rtrim(pg_catalog.pg_get_ruledef(rw.oid, true), ';'), "
    "d.description, n.nspname, c.relname "
    "FROM pg_catalog.pg_rewrite rw JOIN pg_catalog.pg_class c ON c.oid = rw.ev_class "
    "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
    DESCRIPTION("d", "pg_catalog.pg_rewrite", "rw.oid")
    "WHERE rw.rulename <> '_RETURN' AND (rw.ev_class IN (SELECT r.oid FROM rels r) "
    "OR c.relispartition AND pg_catalog.pg_partition_root(c.oid) IN (SELECT r.oid FROM rels r) "
    "OR c.relkind = 'v' AND " NAMESPACES " AND " NOT_EXTENSION("pg_catalog.pg_class", "c.oid") ") "
    "AND " NOT_EXTENSION("pg_catalog.pg_rewrite", "rw.oid") " "
    "ORDER BY rw.ev_class, rw.rulename";

/* Publications, not an extension's: PostgreSQL prints no CREATE
 * PUBLICATION, so its text is built here, every name quoted, then put in
 * the one spelling definitions get (pg_publication_canonical orders and
 * quotes it as normalize does): the name, the text, the comment. A
 * table's namespace is said when it is not public. */
#define QUOTED(name) "'\"' || pg_catalog.replace(" name ", '\"', '\"\"') || '\"'"
static const char sql_publications[] =
    "SELECT pb.pubname, pg_catalog.concat_ws(' ', CASE WHEN pb.puballtables THEN 'for all tables' ELSE "
    "'for ' || NULLIF(pg_catalog.concat_ws(', ', "
    "(SELECT pg_catalog.string_agg('table ' || CASE WHEN rn.nspname = 'public' THEN '' "
    "ELSE " QUOTED("rn.nspname") " || '.' END || " QUOTED("rc.relname") " || "
    "COALESCE(' (' || (SELECT pg_catalog.string_agg(" QUOTED("a.attname") ", ', ' ORDER BY a.attnum) "
    "FROM pg_catalog.pg_attribute a WHERE a.attrelid = pr.prrelid "
    "AND a.attnum = ANY (pr.prattrs::pg_catalog.int2[])) || ')', '') || "
    "COALESCE(' where ' || pg_catalog.pg_get_expr(pr.prqual, pr.prrelid), ''), ', ') "
    "FROM pg_catalog.pg_publication_rel pr JOIN pg_catalog.pg_class rc ON rc.oid = pr.prrelid "
    "JOIN pg_catalog.pg_namespace rn ON rn.oid = rc.relnamespace WHERE pr.prpubid = pb.oid), "
    "(SELECT pg_catalog.string_agg('tables in schema ' || " QUOTED("sn.nspname") ", ', ') "
    "FROM pg_catalog.pg_publication_namespace pn JOIN pg_catalog.pg_namespace sn ON sn.oid = pn.pnnspid "
    "WHERE pn.pnpubid = pb.oid)), '') END, "
    "'with (publish = ''' || pg_catalog.concat_ws(', ', CASE WHEN pb.pubinsert THEN 'insert' END, "
    "CASE WHEN pb.pubupdate THEN 'update' END, CASE WHEN pb.pubdelete THEN 'delete' END, "
    "CASE WHEN pb.pubtruncate THEN 'truncate' END) || ''', publish_via_partition_root = ' || "
    "pb.pubviaroot::text || ')'), d.description "
    "FROM pg_catalog.pg_publication pb "
    DESCRIPTION("d", "pg_catalog.pg_publication", "pb.oid")
    "WHERE " NOT_EXTENSION("pg_catalog.pg_publication", "pb.oid") " "
    "ORDER BY pb.pubname";

/* Event triggers, not an extension's: the text CREATE EVENT TRIGGER takes
 * after the name, built here (PostgreSQL prints none) and put in the
 * spelling definitions get (pg_event_trigger_canonical): the name, the
 * text, the comment, the state when it does not fire as by default. */
static const char sql_event_triggers[] =
    "SELECT e.evtname, 'on ' || e.evtevent || COALESCE(' when tag in (' || (SELECT pg_catalog.string_agg("
    "pg_catalog.quote_literal(tg), ', ') FROM pg_catalog.unnest(e.evttags) tg) || ')', '') || "
    "' execute function ' || e.evtfoid::pg_catalog.regproc::text || '()', "
    "d.description, CASE e.evtenabled WHEN 'D' THEN 'disabled' WHEN 'R' THEN 'replica' "
    "WHEN 'A' THEN 'always' END FROM pg_catalog.pg_event_trigger e "
    DESCRIPTION("d", "pg_catalog.pg_event_trigger", "e.oid")
    "WHERE " NOT_EXTENSION("pg_catalog.pg_event_trigger", "e.oid") " "
    "ORDER BY e.evtname";

/* Foreign data wrappers and servers made by hand (an extension's are its
 * own) and the foreign tables of the namespaces read (a partition when it
 * has nothing of its own: "partition of parent for values ... server s"):
 * the kind ('w', 's', 'f'), the namespace, the name, what
 * CREATE takes after the name (built here: PostgreSQL prints none), the
 * comment (a foreign table reads its server: pg_foreign_canonical). Options as
 * pg_options_to_table gives them, in name order; a column's collation
 * said when it is not its type's. Wrappers and servers are put in the
 * spelling definitions get by pg_foreign_canonical. */
#define FDW_OPTIONS(col) \
    "COALESCE((SELECT ' options (' || pg_catalog.string_agg(pg_catalog.quote_ident(op.option_name) || ' ' || " \
    "pg_catalog.quote_literal(op.option_value), ', ' ORDER BY op.option_name) || ')' " \
    "FROM pg_catalog.pg_options_to_table(" col ") op), '')"
/* A foreign table that is a partition (c, its parent i.inhparent) says
 * nothing of its own columns: no options, NOT NULL and defaults as its
 * parent's, no constraint of its own (PARTITION OF ... SERVER makes it). */
#define FOREIGN_PARTITION_SIMPLE \
    "NOT EXISTS (SELECT 1 FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_attribute pa " \
    "ON pa.attrelid = i.inhparent AND pa.attname = a.attname " \
    "LEFT JOIN pg_catalog.pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum " \
    "LEFT JOIN pg_catalog.pg_attrdef pd ON pd.adrelid = pa.attrelid AND pd.adnum = pa.attnum " \
    "WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND (a.attfdwoptions IS NOT NULL " \
    "OR a.attnotnull <> pa.attnotnull OR pg_catalog.pg_get_expr(ad.adbin, ad.adrelid) IS DISTINCT FROM " \
    "pg_catalog.pg_get_expr(pd.adbin, pd.adrelid))) AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint co " \
    "WHERE co.conrelid = c.oid AND co.conislocal AND co.conparentid = 0)"
static const char sql_foreign[] =
    "SELECT 'w', NULL::text, w.fdwname::text, CASE WHEN w.fdwhandler <> 0 THEN 'handler ' || "
    "w.fdwhandler::pg_catalog.regproc::text ELSE 'no handler' END || CASE WHEN w.fdwvalidator <> 0 THEN "
    "' validator ' || w.fdwvalidator::pg_catalog.regproc::text ELSE '' END || " FDW_OPTIONS("w.fdwoptions") ", "
    "d.description FROM pg_catalog.pg_foreign_data_wrapper w "
    DESCRIPTION("d", "pg_catalog.pg_foreign_data_wrapper", "w.oid")
    "WHERE " NOT_EXTENSION("pg_catalog.pg_foreign_data_wrapper", "w.oid") " "
    "UNION ALL SELECT 's', NULL, sv.srvname::text, pg_catalog.concat_ws(' ', 'type ' || "
    "pg_catalog.quote_literal(sv.srvtype), 'version ' || pg_catalog.quote_literal(sv.srvversion), "
    "'foreign data wrapper ' || pg_catalog.quote_ident(w.fdwname)) || " FDW_OPTIONS("sv.srvoptions") ", "
    "d.description FROM pg_catalog.pg_foreign_server sv "
    "JOIN pg_catalog.pg_foreign_data_wrapper w ON w.oid = sv.srvfdw "
    DESCRIPTION("d", "pg_catalog.pg_foreign_server", "sv.oid")
    "WHERE " NOT_EXTENSION("pg_catalog.pg_foreign_server", "sv.oid") " "
    "UNION ALL SELECT 'f', n.nspname::text, c.relname::text, '(' || COALESCE((SELECT pg_catalog.string_agg("
    "pg_catalog.quote_ident(a.attname) || ' ' || pg_catalog.format_type(a.atttypid, a.atttypmod) || "
    FDW_OPTIONS("a.attfdwoptions") " || CASE WHEN a.attcollation <> 0 AND a.attcollation <> ty.typcollation "
    "THEN ' collate ' || (SELECT CASE WHEN pg_catalog.pg_collation_is_visible(co.oid) THEN '' "
    "ELSE pg_catalog.quote_ident(cn.nspname) || '.' END || pg_catalog.quote_ident(co.collname) "
    "FROM pg_catalog.pg_collation co JOIN pg_catalog.pg_namespace cn ON cn.oid = co.collnamespace "
    "WHERE co.oid = a.attcollation) ELSE '' END || CASE WHEN a.attnotnull THEN ' not null' ELSE '' END || "
    "COALESCE(' default ' || pg_catalog.pg_get_expr(ad.adbin, ad.adrelid), ''), ', ' ORDER BY a.attnum) "
    "FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_type ty ON ty.oid = a.atttypid "
    "LEFT JOIN pg_catalog.pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum "
    "WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped), '') || ') server ' || "
    "pg_catalog.quote_ident(sv.srvname) || " FDW_OPTIONS("ft.ftoptions") ", d.description "
    "FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
    "JOIN pg_catalog.pg_foreign_table ft ON ft.ftrelid = c.oid "
    "JOIN pg_catalog.pg_foreign_server sv ON sv.oid = ft.ftserver "
    DESCRIPTION("d", "pg_catalog.pg_class", "c.oid")
    "WHERE " NAMESPACES " AND c.relkind = 'f' AND NOT c.relispartition "
    "AND NOT (c.relname = ANY ($2::text[]) OR n.nspname || '.' || c.relname = ANY ($2::text[])) "
    "AND " NOT_EXTENSION("pg_catalog.pg_class", "c.oid") " "
    "UNION ALL SELECT 'f', n.nspname::text, c.relname::text, 'partition of ' || CASE WHEN "
    "pg_catalog.pg_table_is_visible(pc.oid) THEN '' ELSE pg_catalog.quote_ident(pn.nspname) || '.' END || "
    "pg_catalog.quote_ident(pc.relname) || ' ' || pg_catalog.pg_get_expr(c.relpartbound, c.oid) || ' server ' || "
    "pg_catalog.quote_ident(sv.srvname) || " FDW_OPTIONS("ft.ftoptions") ", d.description "
    "FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
    "JOIN pg_catalog.pg_foreign_table ft ON ft.ftrelid = c.oid "
    "JOIN pg_catalog.pg_foreign_server sv ON sv.oid = ft.ftserver "
    "JOIN pg_catalog.pg_inherits i ON i.inhrelid = c.oid "
    "JOIN pg_catalog.pg_class pc ON pc.oid = i.inhparent JOIN pg_catalog.pg_namespace pn ON pn.oid = pc.relnamespace "
    DESCRIPTION("d", "pg_catalog.pg_class", "c.oid")
    "WHERE " NAMESPACES " AND c.relkind = 'f' AND c.relispartition AND " FOREIGN_PARTITION_SIMPLE " "
    "AND " NOT_EXTENSION("pg_catalog.pg_class", "c.oid");

/* Row level security policies: PostgreSQL prints no CREATE POLICY, so the
 * statement is built here, every clause said (AS, FOR, TO) in one order;
 * the table is qualified when the search path does not find it, as
 * pg_get_viewdef and pg_get_triggerdef do. Of the tables read and of
 * their partitions: the table read, the name, the statement, the comment,
 * what it reads, then the namespace and name of its table or partition. */
static const char sql_policies[] = RELS_CTE
    "SELECT CASE WHEN c.relispartition THEN pg_catalog.pg_partition_root(c.oid) ELSE pol.polrelid END, "
    "pol.polname, 'CREATE POLICY ' || pg_catalog.quote_ident(pol.polname) || "
    "' ON ' || CASE WHEN pg_catalog.pg_table_is_visible(c.oid) THEN '' "
    "ELSE pg_catalog.quote_ident(n.nspname) || '.' END "
    "|| pg_catalog.quote_ident(c.relname) || ' AS ' || "
    "CASE WHEN pol.polpermissive THEN 'PERMISSIVE' ELSE 'RESTRICTIVE' END || ' FOR ' || "
    "CASE pol.polcmd WHEN 'r' THEN 'SELECT' WHEN 'a' THEN 'INSERT' WHEN 'w' THEN 'UPDATE' "
    "WHEN 'd' THEN 'DELETE' ELSE 'ALL' END || ' TO ' || "
    "CASE WHEN pol.polroles = '{0}'::pg_catalog.oid[] THEN 'PUBLIC' ELSE "
    "(SELECT pg_catalog.string_agg(pg_catalog.quote_ident(ro.rolname), ', ' ORDER BY ro.rolname) "
    "FROM pg_catalog.pg_roles ro WHERE ro.oid = ANY (pol.polroles)) END || "
    "COALESCE(' USING (' || pg_catalog.pg_get_expr(pol.polqual, pol.polrelid) || ')', '') || "
    "COALESCE(' WITH CHECK (' || pg_catalog.pg_get_expr(pol.polwithcheck, pol.polrelid) || ')', ''), "
    "d.description, " READS_OF("pg_catalog.pg_policy", "dp.objid = pol.oid", "pol.polrelid") ", "
    "n.nspname, c.relname "
    "FROM pg_catalog.pg_policy pol JOIN pg_catalog.pg_class c ON c.oid = pol.polrelid "
    "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
    DESCRIPTION("d", "pg_catalog.pg_policy", "pol.oid")
    "WHERE pol.polrelid IN (SELECT r.oid FROM rels r) "
    "OR c.relispartition AND pg_catalog.pg_partition_root(c.oid) IN (SELECT r.oid FROM rels r) "
    "ORDER BY pol.polrelid, pol.polname";

/* Extended statistics (CREATE STATISTICS) on the tables read, in their
 * table's namespace (others are reported as not carried), as
 * pg_get_statisticsobjdef prints them but for the statistics' own
 * namespace, said only when the search path does not find it (as
 * pg_get_triggerdef does for a table): the table read, the name, the
 * definition, the comment. The statistics target (ALTER STATISTICS ...
 * SET STATISTICS) is the planner's tuning, not read. */
static const char sql_statistics[] = RELS_CTE
    "SELECT st.stxrelid, st.stxname, CASE WHEN pg_catalog.pg_statistics_obj_is_visible(st.oid) "
    "THEN 'CREATE STATISTICS ' || pg_catalog.substr(pg_catalog.pg_get_statisticsobjdef(st.oid), "
    "pg_catalog.length('CREATE STATISTICS ' || pg_catalog.quote_ident(n.nspname) || '.') + 1) "
    "ELSE pg_catalog.pg_get_statisticsobjdef(st.oid) END, d.description, n.nspname, sc.relname "
    "FROM pg_catalog.pg_statistic_ext st JOIN pg_catalog.pg_class sc ON sc.oid = st.stxrelid "
    "JOIN pg_catalog.pg_namespace n ON n.oid = st.stxnamespace AND n.oid = sc.relnamespace "
    DESCRIPTION("d", "pg_catalog.pg_statistic_ext", "st.oid")
    "WHERE (st.stxrelid IN (SELECT r.oid FROM rels r) "
    "OR sc.relispartition AND pg_catalog.pg_partition_root(sc.oid) IN (SELECT r.oid FROM rels r) "
    "OR sc.relkind = 'm' AND " NAMESPACES " AND " NOT_EXTENSION("pg_catalog.pg_class", "sc.oid") ") "
    "AND " NOT_EXTENSION("pg_catalog.pg_statistic_ext", "st.oid") " "
    "ORDER BY st.stxrelid, st.stxname";

/* A sequence that is a column's own: an identity's ('i'), or a serial's,
 * owned by the column ('a') whose default takes it. */
#define COLUMN_SEQUENCE(seq) \
    "EXISTS (SELECT 1 FROM pg_catalog.pg_depend x WHERE x.classid = 'pg_catalog.pg_class'::pg_catalog.regclass " \
    "AND x.objid = " seq " AND (x.deptype IN ('i', 'e') OR x.deptype = 'a' AND " \
    DEFAULT_USES("x.refobjid", "x.refobjsubid", seq) "))"

/* Sequences no column has as its own (COLUMN_SEQUENCE; an extension's
 * neither): their options, every one said, in the order pg_seq_canonical
 * writes them; then, when a column owns one that it does not take (OWNED
 * BY, made by hand), that column's table and name (and a NULL comment:
 * the sequence owner's). */
static const char sql_sequences[] =
    "SELECT n.nspname, c.relname, 'as ' || pg_catalog.format_type(s.seqtypid, NULL) || "
    "' increment by ' || s.seqincrement || ' minvalue ' || s.seqmin || ' maxvalue ' || s.seqmax || "
    "' start with ' || s.seqstart || ' cache ' || s.seqcache || "
    "CASE WHEN s.seqcycle THEN ' cycle' ELSE ' no cycle' END, d.description, "
    "tc.relname, ta.attname, NULL::pg_catalog.text "
    "FROM pg_catalog.pg_sequence s JOIN pg_catalog.pg_class c ON c.oid = s.seqrelid "
    "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
    DESCRIPTION("d", "pg_catalog.pg_class", "c.oid")
    "LEFT JOIN pg_catalog.pg_depend od ON od.classid = 'pg_catalog.pg_class'::pg_catalog.regclass "
    "AND od.objid = c.oid AND od.deptype = 'a' AND od.refobjsubid > 0 "
    "AND od.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass "
    "LEFT JOIN pg_catalog.pg_class tc ON tc.oid = od.refobjid "
    "LEFT JOIN pg_catalog.pg_attribute ta ON ta.attrelid = od.refobjid AND ta.attnum = od.refobjsubid "
    "WHERE " NAMESPACES " AND NOT " COLUMN_SEQUENCE("c.oid") " "
    "ORDER BY n.nspname, c.relname";

/* Extensions, domains, composite types and collations, one query: the kind
 * ('e', 'd', 'c', 'l'), namespace, name, definition, comment. An
 * extension's definition is the namespace it lives in ("schema public";
 * plpgsql, in pg_catalog, is not read; its comment is the extension's own,
 * not read either); a domain's is what follows CREATE DOMAIN name AS, every
 * clause in one order with its checks by name; a composite type's its
 * attributes; a collation's its options in pg_collation_canonical's form
 * (the ICU locale read through to_jsonb: colliculocale on PostgreSQL 15,
 * colllocale later). Types an extension made are the extension's (deptype
 * 'e'). */
/* name, qualified by its namespace only where the search path does not
 * find it (the scratch namespace's own are found first). */
#define VISIBLE(is_visible, oid, nsp, name) \
    "CASE WHEN pg_catalog." is_visible "(" oid ") THEN pg_catalog.quote_ident(" name ") " \
    "ELSE pg_catalog.quote_ident(" nsp ") || '.' || pg_catalog.quote_ident(" name ") END"

static const char sql_types[] =
    "SELECT 'e', 'public', e.extname, 'schema ' || pg_catalog.quote_ident(n.nspname), NULL "
    "FROM pg_catalog.pg_extension e JOIN pg_catalog.pg_namespace n ON n.oid = e.extnamespace "
    "WHERE " NAMESPACES " "
    "UNION ALL "
    "SELECT 'd', n.nspname, t.typname, pg_catalog.format_type(t.typbasetype, t.typtypmod) || "
    "CASE WHEN t.typcollation <> bt.typcollation THEN ' collate ' || pg_catalog.quote_ident(co.collname) "
    "ELSE '' END || COALESCE(' default ' || pg_catalog.pg_get_expr(t.typdefaultbin, 0), '') || "
    "CASE WHEN t.typnotnull THEN ' not null' ELSE '' END || "
    "COALESCE((SELECT pg_catalog.string_agg(' constraint ' || pg_catalog.quote_ident(k.conname) || ' ' || "
    "pg_catalog.pg_get_constraintdef(k.oid), '' ORDER BY k.conname) FROM pg_catalog.pg_constraint k "
    "WHERE k.contypid = t.oid AND k.contype = 'c'), ''), d.description "
    "FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace "
    "JOIN pg_catalog.pg_type bt ON bt.oid = t.typbasetype "
    "LEFT JOIN pg_catalog.pg_collation co ON co.oid = t.typcollation "
    DESCRIPTION("d", "pg_catalog.pg_type", "t.oid")
    "WHERE t.typtype = 'd' AND " NAMESPACES " AND " NOT_EXTENSION("pg_catalog.pg_type", "t.oid") " "
    "UNION ALL "
    "SELECT 'c', n.nspname, t.typname, COALESCE((SELECT pg_catalog.string_agg("
    "pg_catalog.quote_ident(a.attname) || ' ' || pg_catalog.format_type(a.atttypid, a.atttypmod) || "
    "CASE WHEN a.attcollation <> at.typcollation THEN ' collate ' || pg_catalog.quote_ident(ac.collname) "
    "ELSE '' END, ', ' ORDER BY a.attnum) FROM pg_catalog.pg_attribute a "
    "JOIN pg_catalog.pg_type at ON at.oid = a.atttypid "
    "LEFT JOIN pg_catalog.pg_collation ac ON ac.oid = a.attcollation "
    "WHERE a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped), ''), d.description "
    "FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace "
    "JOIN pg_catalog.pg_class c ON c.oid = t.typrelid AND c.relkind = 'c' "
    DESCRIPTION("d", "pg_catalog.pg_type", "t.oid")
    "WHERE t.typtype = 'c' AND " NAMESPACES " AND " NOT_EXTENSION("pg_catalog.pg_type", "t.oid") " "
    "UNION ALL "
    "SELECT 'l', n.nspname, co.collname, 'provider = ' || CASE co.collprovider WHEN 'i' THEN 'icu' "
    "WHEN 'c' THEN 'libc' ELSE 'default' END || CASE WHEN co.collprovider = 'i' THEN ', locale = ' || "
    "pg_catalog.quote_literal(COALESCE(pg_catalog.to_jsonb(co) ->> 'colliculocale', "
    "pg_catalog.to_jsonb(co) ->> 'colllocale', co.collcollate)) "
    "WHEN co.collcollate = co.collctype THEN ', locale = ' || pg_catalog.quote_literal(co.collcollate) "
    "ELSE ', lc_collate = ' || pg_catalog.quote_literal(co.collcollate) || ', lc_ctype = ' || "
    "pg_catalog.quote_literal(co.collctype) END || "
    "CASE WHEN co.collisdeterministic THEN '' ELSE ', deterministic = false' END, d.description "
    "FROM pg_catalog.pg_collation co JOIN pg_catalog.pg_namespace n ON n.oid = co.collnamespace "
    DESCRIPTION("d", "pg_catalog.pg_collation", "co.oid")
    "WHERE " NAMESPACES " AND " NOT_EXTENSION("pg_catalog.pg_collation", "co.oid") " "
    "UNION ALL "
    "SELECT 'r', n.nspname, t.typname, 'subtype = ' || pg_catalog.format_type(rg.rngsubtype, NULL) || "
    "CASE WHEN rg.rngsubopc <> (SELECT oc.oid FROM pg_catalog.pg_opclass oc JOIN pg_catalog.pg_am am "
    "ON am.oid = oc.opcmethod WHERE am.amname = 'btree' AND oc.opcdefault AND oc.opcintype = "
    "(SELECT CASE WHEN st.typtype = 'd' THEN st.typbasetype ELSE st.oid END FROM pg_catalog.pg_type st "
    "WHERE st.oid = rg.rngsubtype) LIMIT 1) "
    "THEN ', subtype_opclass = ' || (SELECT pg_catalog.quote_ident(oc.opcname) FROM pg_catalog.pg_opclass oc "
    "WHERE oc.oid = rg.rngsubopc) ELSE '' END || "
    "CASE WHEN rg.rngcollation <> 0 AND rg.rngcollation <> (SELECT st.typcollation FROM pg_catalog.pg_type st "
    "WHERE st.oid = rg.rngsubtype) THEN ', collation = ' || (SELECT pg_catalog.quote_ident(co.collname) "
    "FROM pg_catalog.pg_collation co WHERE co.oid = rg.rngcollation) ELSE '' END || "
    "CASE WHEN rg.rngcanonical <> 0 THEN ', canonical = ' || rg.rngcanonical::pg_catalog.regproc::text ELSE '' END || "
    "CASE WHEN rg.rngsubdiff <> 0 THEN ', subtype_diff = ' || rg.rngsubdiff::pg_catalog.regproc::text ELSE '' END || "
    "CASE WHEN mt.typname <> CASE WHEN pg_catalog.strpos(t.typname, 'range') > 0 THEN "
    "pg_catalog.regexp_replace(t.typname, 'range', 'multirange') "
    "ELSE t.typname || '_multirange' END THEN ', multirange_type_name = ' || pg_catalog.quote_ident(mt.typname) "
    "ELSE '' END, d.description "
    "FROM pg_catalog.pg_range rg JOIN pg_catalog.pg_type t ON t.oid = rg.rngtypid "
    "JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace "
    "JOIN pg_catalog.pg_type mt ON mt.oid = rg.rngmultitypid "
    DESCRIPTION("d", "pg_catalog.pg_type", "t.oid")
    "WHERE " NAMESPACES " AND " NOT_EXTENSION("pg_catalog.pg_type", "t.oid") " "
    "UNION ALL "
    "SELECT 's', n.nspname, sd.dictname, 'template = ' || " VISIBLE("pg_ts_template_is_visible", "st.oid", "stn.nspname", "st.tmplname") " "
    "|| COALESCE(', ' || sd.dictinitoption, ''), d.description "
    "FROM pg_catalog.pg_ts_dict sd JOIN pg_catalog.pg_namespace n ON n.oid = sd.dictnamespace "
    "JOIN pg_catalog.pg_ts_template st ON st.oid = sd.dicttemplate "
    "JOIN pg_catalog.pg_namespace stn ON stn.oid = st.tmplnamespace "
    DESCRIPTION("d", "pg_catalog.pg_ts_dict", "sd.oid")
    "WHERE " NAMESPACES " AND " NOT_EXTENSION("pg_catalog.pg_ts_dict", "sd.oid") " "
    "UNION ALL "
    "SELECT 't', n.nspname, cf.cfgname, 'parser = ' || " VISIBLE("pg_ts_parser_is_visible", "cp.oid", "cpn.nspname", "cp.prsname") " "
    "|| COALESCE((SELECT pg_catalog.string_agg('; mapping for ' || tt.alias || ' with ' || mp.dicts, '' "
    "ORDER BY mp.maptokentype) FROM (SELECT cm.maptokentype, pg_catalog.string_agg("
    VISIBLE("pg_ts_dict_is_visible", "md.oid", "mdn.nspname", "md.dictname") ", ', ' ORDER BY cm.mapseqno) AS dicts "
    "FROM pg_catalog.pg_ts_config_map cm JOIN pg_catalog.pg_ts_dict md ON md.oid = cm.mapdict "
    "JOIN pg_catalog.pg_namespace mdn ON mdn.oid = md.dictnamespace WHERE cm.mapcfg = cf.oid "
    "GROUP BY cm.maptokentype) mp JOIN pg_catalog.ts_token_type(cf.cfgparser) tt ON tt.tokid = mp.maptokentype), ''), "
    "d.description "
    "FROM pg_catalog.pg_ts_config cf JOIN pg_catalog.pg_namespace n ON n.oid = cf.cfgnamespace "
    "JOIN pg_catalog.pg_ts_parser cp ON cp.oid = cf.cfgparser "
    "JOIN pg_catalog.pg_namespace cpn ON cpn.oid = cp.prsnamespace "
    DESCRIPTION("d", "pg_catalog.pg_ts_config", "cf.oid")
    "WHERE " NAMESPACES " AND " NOT_EXTENSION("pg_catalog.pg_ts_config", "cf.oid") " "
    "ORDER BY 1, 2, 3";

/* The constraints of one partition only (not the copies of the partitioned
 * table's: conparentid, conislocal), as the database prints them: the
 * table read, the name, the definition, the comment, then the partition's
 * namespace and name. */
static const char sql_partition_constraints[] = RELS_CTE
    "SELECT r.oid, co.conname, pg_catalog.pg_get_constraintdef(co.oid), d.description, "
    "n.nspname, c.relname " PARTITIONS_READ
    "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
    "JOIN pg_catalog.pg_constraint co ON co.conrelid = c.oid "
    DESCRIPTION("d", "pg_catalog.pg_constraint", "co.oid")
    "WHERE co.contype IN ('p', 'u', 'f', 'c', 'x') AND co.conparentid = 0 AND co.conislocal AND c.relkind <> 'f' "
    "ORDER BY r.oid, c.relname, co.conname";

/* The copies PostgreSQL attached to the partitions of the tables read for
 * their indexes and keys: the table read, the copy's name, its parent
 * index's, the comment, the partition's namespace and name, then what
 * PostgreSQL names such a copy from (pg_index_default_name): the label
 * and the names of its columns, keys then INCLUDE ones, as the index's own
 * attributes keep them (an expression's: "lower" for lower(x), "expr"). */
static const char sql_attached_indexes[] = RELS_CTE
    "SELECT r.oid, ic.relname, pi.relname, d.description, n.nspname, c.relname, "
    "CASE WHEN x.indisprimary THEN 'pkey' WHEN co.contype = 'u' THEN 'key' WHEN co.contype = 'x' THEN 'excl' "
    "ELSE 'idx' END, ARRAY(SELECT a.attname FROM pg_catalog.pg_attribute a "
    "WHERE a.attrelid = x.indexrelid AND a.attnum > 0 ORDER BY a.attnum) " PARTITIONS_READ
    "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
    "JOIN pg_catalog.pg_index x ON x.indrelid = c.oid "
    "JOIN pg_catalog.pg_class ic ON ic.oid = x.indexrelid "
    "JOIN pg_catalog.pg_inherits ih ON ih.inhrelid = x.indexrelid "
    "JOIN pg_catalog.pg_class pi ON pi.oid = ih.inhparent "
    "LEFT JOIN pg_catalog.pg_constraint co ON co.conindid = x.indexrelid AND co.conrelid = x.indrelid "
    "AND co.contype IN ('p', 'u', 'x') "
    DESCRIPTION("d", "pg_catalog.pg_class", "x.indexrelid")
    "ORDER BY r.oid, c.relname, ic.relname";

/* The partitions of the tables read: the table read, the name, the bound
 * as pg_get_expr prints it ("FOR VALUES FROM (...) TO (...)", "DEFAULT")
 * and the key of one partitioned in turn ("... PARTITION BY LIST
 * (region)"), the comment, the namespace and name of the table or
 * partition it is a partition of, then its storage parameters, its
 * replica identity (FULL or NOTHING; USING INDEX is reported) and its own
 * namespace (GitLab keeps partitions apart from their table), its row level
 * security (enabled, forced), then its own column defaults where they
 * differ from its table's (column, default or NULL, ...: a partition made
 * LIKE its table and attached has none where its table has one). */
static const char sql_partitions[] = RELS_CTE
    "SELECT r.oid, c.relname, pg_catalog.pg_get_expr(c.relpartbound, c.oid) || CASE WHEN c.relkind = 'p' "
    "THEN ' PARTITION BY ' || pg_catalog.pg_get_partkeydef(c.oid) ELSE '' END, d.description, "
    "pn.nspname, pc.relname, pg_catalog.array_to_string(c.reloptions, ', '), "
    "CASE c.relreplident WHEN 'f' THEN 'full' WHEN 'n' THEN 'nothing' END, cn.nspname, "
    "c.relrowsecurity, c.relforcerowsecurity, "
    "(SELECT pg_catalog.array_agg(x.v ORDER BY a.attnum, x.k) FROM pg_catalog.pg_attribute a "
    "JOIN pg_catalog.pg_attribute pa ON pa.attrelid = i.inhparent AND pa.attname = a.attname "
    "LEFT JOIN pg_catalog.pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum "
    "LEFT JOIN pg_catalog.pg_attrdef pd ON pd.adrelid = pa.attrelid AND pd.adnum = pa.attnum "
    "CROSS JOIN LATERAL (VALUES (0, a.attname::text), "
    "(1, COALESCE(pg_catalog.pg_get_expr(ad.adbin, ad.adrelid), 'NULL'))) x(k, v) "
    "WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND "
    "pg_catalog.pg_get_expr(ad.adbin, ad.adrelid) IS DISTINCT FROM pg_catalog.pg_get_expr(pd.adbin, pd.adrelid)) "
    PARTITIONS_READ
    "JOIN pg_catalog.pg_namespace cn ON cn.oid = c.relnamespace "
    "JOIN pg_catalog.pg_inherits i ON i.inhrelid = c.oid "
    "JOIN pg_catalog.pg_class pc ON pc.oid = i.inhparent "
    "JOIN pg_catalog.pg_namespace pn ON pn.oid = pc.relnamespace "
    DESCRIPTION("d", "pg_catalog.pg_class", "c.oid")
    "WHERE c.relkind <> 'f' "                     /* a foreign table: sql_foreign */
    "ORDER BY r.oid, c.relname";

/* The comments of the columns of views, materialized views, composite
 * types and partitions (of a table read in the namespaces read: in the
 * partition's own namespace), by object: kind ('v', 'm', 'c', 'p'),
 * namespace, name, the partition's table, column, comment. */
static const char sql_column_comments[] =
    "SELECT CASE WHEN c.relkind IN ('v', 'm', 'c') THEN c.relkind::text ELSE 'p' END, cn.nspname, c.relname, "
    "pc.relname, a.attname, d.description "
    "FROM pg_catalog.pg_description d JOIN pg_catalog.pg_class c ON c.oid = d.objoid "
    "AND d.classoid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.objsubid > 0 "
    "JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum = d.objsubid AND NOT a.attisdropped "
    "LEFT JOIN pg_catalog.pg_inherits i ON c.relispartition AND i.inhrelid = c.oid "
    "LEFT JOIN pg_catalog.pg_class pc ON pc.oid = i.inhparent "
    "JOIN pg_catalog.pg_namespace n ON n.oid = COALESCE(pc.relnamespace, c.relnamespace) "
    "JOIN pg_catalog.pg_namespace cn ON cn.oid = c.relnamespace "
    "WHERE " NAMESPACES " AND (c.relkind IN ('v', 'm', 'c') OR c.relkind IN ('r', 'p') AND c.relispartition) "
    "AND " NOT_EXTENSION("pg_catalog.pg_class", "c.oid") " "
    "AND (c.relkind <> 'c' OR " NOT_EXTENSION("pg_catalog.pg_type", "c.reltype") ") "
    "ORDER BY 1, 2, 3, 5";

/* What the database holds that the model does not carry, one line each
 * ("aggregate mode1(boolean)"), so that reading a database never loses it
 * without a word: objects of kinds tide has no row for (window
 * functions, a shell operator no operator names (what names one makes it
 * again, and it is not read), text search parsers and templates, conversions, base and shell types, a
 * foreign table's constraints and column comments, a foreign table that is
 * a partition with columns or constraints of its own, rules of another
 * relation than a table, a partition or a view, extended statistics
 * not in their relation's namespace or on a foreign table), what it does not say of a relation
 * (a partition's clone of a trigger in another state than its parent's, a partition's replica identity using an index, unlogged, or columns unlike its table's, a replica identity whose index is gone, a
 * tablespace, an access method, a typed table, column options of what is not a table (a
 * partition, an inherited column, a materialized or foreign table), a
 * partition partitioned itself,
 * the default namespace's comment removed), and objects of the whole database
 * made by hand (languages, access methods). Extensions' own are
 * theirs; user mappings, like grants and owners, are left out. */
#define OTHER(cls, oid) "oid >= 16384 AND " NOT_EXTENSION(cls, oid)
#define REL_NAME READ_NAME("n.nspname", "c.relname")
/* One arm of sql_unmodelled: the objects of catalog CAT (alias ob) in the
 * namespaces read, not an extension's, as "LABEL schema.name"; NAME and NSP
 * are its name and namespace columns. */
#define NAMED_IN_NAMESPACE(k, label, cat, name, nsp) \
    "UNION ALL SELECT " k ", '" label " ' || " READ_NAME("n.nspname", "ob." name) " " \
    "FROM pg_catalog." cat " ob JOIN pg_catalog.pg_namespace n ON n.oid = ob." nsp " " \
    "WHERE " NAMESPACES " AND " NOT_EXTENSION("pg_catalog." cat, "ob.oid") " "

static const char sql_unmodelled[] =
    "SELECT w FROM ("
    "SELECT 1 AS k, 'window function ' || "
    READ_NAME("n.nspname", "p.proname") " || '(' || pg_catalog.pg_get_function_identity_arguments(p.oid) || ')' AS w "
    "FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace "
    "WHERE " NAMESPACES " AND p.prokind = 'w' AND " NOT_EXTENSION("pg_catalog.pg_proc", "p.oid") " "
    "UNION ALL SELECT 2, 'shell operator ' || " READ_NAME("n.nspname", "o.oprname") " || ': named as a "
    "commutator or negator by no operator, it has no function' "
    "FROM pg_catalog.pg_operator o JOIN pg_catalog.pg_namespace n ON n.oid = o.oprnamespace "
    "WHERE " NAMESPACES " AND o.oprcode = 0 AND " NOT_EXTENSION("pg_catalog.pg_operator", "o.oid") " "
    "AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_operator r WHERE r.oprcom = o.oid OR r.oprnegate = o.oid) "
    NAMED_IN_NAMESPACE("6", "text search parser", "pg_ts_parser", "prsname", "prsnamespace")
    NAMED_IN_NAMESPACE("6", "text search template", "pg_ts_template", "tmplname", "tmplnamespace")
    NAMED_IN_NAMESPACE("7", "conversion", "pg_conversion", "conname", "connamespace")
    "UNION ALL SELECT 8, CASE t.typtype WHEN 'p' THEN 'shell type ' "
    "ELSE 'base type ' END || " READ_NAME("n.nspname", "t.typname") " "
    "FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace "
    "WHERE " NAMESPACES " AND t.typtype IN ('b', 'p') AND t.typcategory <> 'A' "
    "AND " NOT_EXTENSION("pg_catalog.pg_type", "t.oid") " "
    "UNION ALL SELECT 9, 'foreign table ' || " REL_NAME " || ': a partition with columns or constraints "
    "of its own (options, NOT NULL, defaults, checks)' "
    "FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
    "JOIN pg_catalog.pg_inherits i ON i.inhrelid = c.oid "
    "WHERE " NAMESPACES " AND c.relkind = 'f' AND c.relispartition AND NOT " FOREIGN_PARTITION_SIMPLE " "
    "AND " NOT_EXTENSION("pg_catalog.pg_class", "c.oid") " "
    "UNION ALL SELECT 9, 'foreign table ' || " REL_NAME " || ': ' || pg_catalog.concat_ws(', ', "
    "(SELECT pg_catalog.string_agg('constraint ' || ck.conname, ', ' ORDER BY ck.conname) "
    "FROM pg_catalog.pg_constraint ck WHERE ck.conrelid = c.oid), "
    "(SELECT pg_catalog.string_agg('the comment of column ' || ca.attname, ', ' ORDER BY ca.attnum) "
    "FROM pg_catalog.pg_description cd JOIN pg_catalog.pg_attribute ca ON ca.attrelid = c.oid "
    "AND ca.attnum = cd.objsubid WHERE cd.objoid = c.oid "
    "AND cd.classoid = 'pg_catalog.pg_class'::pg_catalog.regclass AND cd.objsubid > 0)) "
    "FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
    "WHERE " NAMESPACES " AND c.relkind = 'f' AND NOT c.relispartition "
    "AND (EXISTS (SELECT 1 FROM pg_catalog.pg_constraint ck WHERE ck.conrelid = c.oid) "
    "OR EXISTS (SELECT 1 FROM pg_catalog.pg_description cd WHERE cd.objoid = c.oid "
    "AND cd.classoid = 'pg_catalog.pg_class'::pg_catalog.regclass AND cd.objsubid > 0)) "
    "AND " NOT_EXTENSION("pg_catalog.pg_class", "c.oid") " "
    "UNION ALL SELECT 10, 'rule ' || rw.rulename || ' on ' || " REL_NAME " "
    "FROM pg_catalog.pg_rewrite rw JOIN pg_catalog.pg_class c ON c.oid = rw.ev_class "
    "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
    "WHERE " NAMESPACES " AND rw.rulename <> '_RETURN' AND " NOT_EXTENSION("pg_catalog.pg_rewrite", "rw.oid") " "
    "AND NOT (c.relkind IN ('r', 'p') OR c.relkind = 'v') "
    "UNION ALL SELECT 11, 'statistics ' || " READ_NAME("n.nspname", "ob.stxname") " "
    "|| ': not in its table''s namespace, or not on a table' "
    "FROM pg_catalog.pg_statistic_ext ob JOIN pg_catalog.pg_namespace n ON n.oid = ob.stxnamespace "
    "JOIN pg_catalog.pg_class sc ON sc.oid = ob.stxrelid "
    "WHERE " NAMESPACES " AND " NOT_EXTENSION("pg_catalog.pg_statistic_ext", "ob.oid") " "
    "AND NOT (sc.relnamespace = ob.stxnamespace AND sc.relkind IN ('r', 'p', 'm')) "
    "UNION ALL SELECT 12, 'trigger ' || tg.tgname || ' on partition ' || " REL_NAME " || CASE tg.tgenabled "
    "WHEN 'D' THEN ': disabled' WHEN 'R' THEN ': enabled for replicas only' ELSE ': enabled always' END "
    "FROM pg_catalog.pg_trigger tg JOIN pg_catalog.pg_class c ON c.oid = tg.tgrelid "
    "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
    "WHERE " NAMESPACES " AND NOT tg.tgisinternal AND tg.tgparentid <> 0 "
    "AND tg.tgenabled <> (SELECT pt.tgenabled FROM pg_catalog.pg_trigger pt WHERE pt.oid = tg.tgparentid) "
    "UNION ALL SELECT 13, CASE c.relkind WHEN 'i' THEN 'index ' WHEN 'm' THEN 'materialized view ' "
    "ELSE 'table ' END || " REL_NAME " || ': ' || pg_catalog.concat_ws(', ', "
    "CASE WHEN c.relkind NOT IN ('r', 'p') OR c.relreplident = 'd' THEN NULL "
    "WHEN c.relispartition AND c.relreplident = 'i' THEN 'replica identity of a partition using an index' "
    "WHEN c.relispartition THEN NULL "
    "WHEN c.relreplident = 'i' AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_index x "
    "WHERE x.indrelid = c.oid AND x.indisreplident) THEN 'replica identity using an index dropped since' END, "
    "CASE WHEN c.reltablespace <> 0 THEN 'tablespace ' || (SELECT ts.spcname FROM pg_catalog.pg_tablespace ts "
    "WHERE ts.oid = c.reltablespace) END, "
    "CASE WHEN c.relam <> 0 AND c.relkind <> 'i' AND c.relam <> (SELECT am.oid FROM pg_catalog.pg_am am "
    "WHERE am.amname = 'heap') THEN 'access method ' || (SELECT am.amname FROM pg_catalog.pg_am am "
    "WHERE am.oid = c.relam) END, "
    "CASE WHEN c.reloftype <> 0 THEN 'of type ' || pg_catalog.format_type(c.reloftype, NULL) END, "
    "CASE WHEN c.relispartition AND c.relpersistence = 'u' THEN 'unlogged partition' END) "
    "FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
    "WHERE " NAMESPACES " AND c.relkind IN ('r', 'p', 'm', 'i') "
    "AND (c.relreplident = 'i' AND c.relkind IN ('r', 'p') AND (c.relispartition "
    "OR NOT EXISTS (SELECT 1 FROM pg_catalog.pg_index x WHERE x.indrelid = c.oid AND x.indisreplident)) "
    "OR c.reltablespace <> 0 OR c.reloftype <> 0 "
    "OR c.relispartition AND c.relpersistence = 'u' "
    "OR c.relam <> 0 AND c.relkind <> 'i' AND c.relam <> (SELECT am.oid FROM pg_catalog.pg_am am "
    "WHERE am.amname = 'heap')) "
    "AND " NOT_EXTENSION("pg_catalog.pg_class", "c.oid") " "
    "UNION ALL SELECT 14, 'column ' || " REL_NAME " || '.' || a.attname || ': options (' || "
    "pg_catalog.array_to_string(a.attoptions, ', ') || ')' "
    "FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_class c ON c.oid = a.attrelid "
    "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
    "WHERE " NAMESPACES " AND a.attnum > 0 AND NOT a.attisdropped AND a.attoptions IS NOT NULL "
    "AND c.relkind NOT IN ('i', 'I') "
    "AND NOT (c.relkind IN ('r', 'p') AND NOT c.relispartition AND a.attislocal) "   /* a table's: carried */
    "AND " NOT_EXTENSION("pg_catalog.pg_class", "c.oid") " "
    "UNION ALL SELECT 16, 'column ' || " REL_NAME " || '.' || a.attname || ' of a partition: ' || "
    "pg_catalog.concat_ws(', ', CASE WHEN a.attnotnull AND NOT pa.attnotnull THEN 'not null' END, "
    "CASE WHEN a.attstattarget >= 0 AND a.attstattarget <> pa.attstattarget THEN 'statistics' END, "
    "CASE WHEN a.attstorage <> pa.attstorage THEN 'storage' END, "
    "CASE WHEN a.attcompression <> pa.attcompression THEN 'compression' END) "
    "FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_class c ON c.oid = a.attrelid AND c.relispartition "
    "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
    "JOIN pg_catalog.pg_inherits i ON i.inhrelid = c.oid "
    "JOIN pg_catalog.pg_attribute pa ON pa.attrelid = i.inhparent AND pa.attname = a.attname "
    "WHERE " NAMESPACES " AND a.attnum > 0 AND NOT a.attisdropped AND (a.attnotnull AND NOT "
    "pa.attnotnull OR a.attstattarget >= 0 AND a.attstattarget <> pa.attstattarget OR a.attstorage <> "
    "pa.attstorage OR a.attcompression <> pa.attcompression) "
    "UNION ALL SELECT 17, 'schema public: no comment (CREATE DATABASE gives it one)' "
    "FROM pg_catalog.pg_namespace n WHERE n.nspname = 'public' AND " NAMESPACES " "
    "AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_description d WHERE d.objoid = n.oid "
    "AND d.classoid = 'pg_catalog.pg_namespace'::pg_catalog.regclass) "
    "UNION ALL SELECT 21, 'language ' || l.lanname FROM pg_catalog.pg_language l "
    "WHERE l." OTHER("pg_catalog.pg_language", "l.oid") " AND l.lanname <> 'plpgsql' "
    "UNION ALL SELECT 24, 'access method ' || am.amname FROM pg_catalog.pg_am am "
    "WHERE am." OTHER("pg_catalog.pg_am", "am.oid") " "
    ") u ORDER BY k, w";

/* An operator's name as CREATE OPERATOR takes it after COMMUTATOR or
 * NEGATOR: bare where the search path finds it, else OPERATOR(ns.op). */
#define OPR_REF(oid) \
    "(SELECT CASE WHEN pg_catalog.pg_operator_is_visible(ro.oid) THEN ro.oprname ELSE 'OPERATOR(' || " \
    "pg_catalog.quote_ident(rn.nspname) || '.' || ro.oprname || ')' END FROM pg_catalog.pg_operator ro " \
    "JOIN pg_catalog.pg_namespace rn ON rn.oid = ro.oprnamespace WHERE ro.oid = " oid ")"

/* The operators (amop) or support functions (amproc, alias a) of an
 * operator class or family that depend on `ref` (pg_opclass or
 * pg_opfamily) of oid `refoid`, as CREATE OPERATOR CLASS or ALTER
 * OPERATOR FAMILY ... ADD lists them, ", " between them; NULL for none.
 * `types`: when a function's (lefttype, righttype) are said. */
#define OP_MEMBERS(ref, refoid, types) \
    "(SELECT pg_catalog.string_agg(m, ', ' ORDER BY w, s, m) FROM (" \
    "SELECT 'operator ' || a.amopstrategy || ' ' || a.amopopr::pg_catalog.regoperator::text || " \
    "CASE WHEN a.amoppurpose = 'o' THEN ' for order by ' || (SELECT " \
    VISIBLE("pg_opfamily_is_visible", "sf.oid", "sfn.nspname", "sf.opfname") " FROM pg_catalog.pg_opfamily sf " \
    "JOIN pg_catalog.pg_namespace sfn ON sfn.oid = sf.opfnamespace WHERE sf.oid = a.amopsortfamily) ELSE '' END " \
    "AS m, 0 AS w, a.amopstrategy AS s FROM pg_catalog.pg_amop a JOIN pg_catalog.pg_depend dp " \
    "ON dp.classid = 'pg_catalog.pg_amop'::pg_catalog.regclass AND dp.objid = a.oid " \
    "AND dp.refclassid = '" ref "'::pg_catalog.regclass AND dp.refobjid = " refoid " " \
    "UNION ALL SELECT 'function ' || a.amprocnum || CASE WHEN " types " THEN ' (' || " \
    "pg_catalog.format_type(a.amproclefttype, NULL) || ', ' || pg_catalog.format_type(a.amprocrighttype, NULL) " \
    "|| ')' ELSE '' END || ' ' || a.amproc::pg_catalog.regprocedure::text, 1, a.amprocnum " \
    "FROM pg_catalog.pg_amproc a JOIN pg_catalog.pg_depend dp " \
    "ON dp.classid = 'pg_catalog.pg_amproc'::pg_catalog.regclass AND dp.objid = a.oid " \
    "AND dp.refclassid = '" ref "'::pg_catalog.regclass AND dp.refobjid = " refoid ") mb)"

#define LOOSE(family) OP_MEMBERS("pg_catalog.pg_opfamily", family, "true")

/* Operators, operator families and classes of the namespaces read, and
 * the casts made by hand (a cast belongs to the database), none an
 * extension's: the kind ('o', 'f', 'c', 'k'), the namespace, the name,
 * the text CREATE takes (built here: PostgreSQL prints none), the
 * comment. An overloaded operator is named with its argument types
 * ("===(integer, integer)"); a cast "source as target". A family is
 * read when no class of its name made it, or when it holds members of
 * its own (ALTER OPERATOR FAMILY ... ADD); a class names its family when
 * that family is read. Shell operators (a commutator named before it
 * was made) are not read: the operator that names them makes them. */
static const char sql_operators[] =
    "SELECT 'o', n.nspname, CASE WHEN pg_catalog.count(*) OVER (PARTITION BY o.oprnamespace, o.oprname) > 1 "
    "THEN o.oprname || '(' || CASE WHEN o.oprleft = 0 THEN 'none' ELSE pg_catalog.format_type(o.oprleft, NULL) "
    "END || ', ' || CASE WHEN o.oprright = 0 THEN 'none' ELSE pg_catalog.format_type(o.oprright, NULL) END || ')' "
    "ELSE o.oprname END, 'function = ' || (SELECT " VISIBLE("pg_function_is_visible", "fp.oid", "fpn.nspname",
    "fp.proname") " FROM pg_catalog.pg_proc fp JOIN pg_catalog.pg_namespace fpn ON fpn.oid = fp.pronamespace "
    "WHERE fp.oid = o.oprcode) || "
    "CASE WHEN o.oprleft <> 0 THEN ', leftarg = ' || pg_catalog.format_type(o.oprleft, NULL) ELSE '' END || "
    "CASE WHEN o.oprright <> 0 THEN ', rightarg = ' || pg_catalog.format_type(o.oprright, NULL) ELSE '' END || "
    "CASE WHEN o.oprcom <> 0 THEN ', commutator = ' || " OPR_REF("o.oprcom") " ELSE '' END || "
    "CASE WHEN o.oprnegate <> 0 THEN ', negator = ' || " OPR_REF("o.oprnegate") " ELSE '' END || "
    "CASE WHEN o.oprrest <> 0 THEN ', restrict = ' || o.oprrest::text ELSE '' END || "
    "CASE WHEN o.oprjoin <> 0 THEN ', join = ' || o.oprjoin::text ELSE '' END || "
    "CASE WHEN o.oprcanhash THEN ', hashes' ELSE '' END || CASE WHEN o.oprcanmerge THEN ', merges' ELSE '' END, "
    "d.description FROM pg_catalog.pg_operator o JOIN pg_catalog.pg_namespace n ON n.oid = o.oprnamespace "
    DESCRIPTION("d", "pg_catalog.pg_operator", "o.oid")
    "WHERE " NAMESPACES " AND o.oprcode <> 0 AND " NOT_EXTENSION("pg_catalog.pg_operator", "o.oid") " "
    "UNION ALL "
    "SELECT 'f', n.nspname, f.opfname, 'using ' || pg_catalog.quote_ident(am.amname) || "
    "COALESCE(' add ' || " LOOSE("f.oid") ", ''), d.description "
    "FROM pg_catalog.pg_opfamily f JOIN pg_catalog.pg_namespace n ON n.oid = f.opfnamespace "
    "JOIN pg_catalog.pg_am am ON am.oid = f.opfmethod "
    DESCRIPTION("d", "pg_catalog.pg_opfamily", "f.oid")
    "WHERE " NAMESPACES " AND " NOT_EXTENSION("pg_catalog.pg_opfamily", "f.oid") " "
    "AND (NOT EXISTS (SELECT 1 FROM pg_catalog.pg_opclass oc WHERE oc.opcfamily = f.oid "
    "AND oc.opcname = f.opfname AND oc.opcnamespace = f.opfnamespace) OR " LOOSE("f.oid") " IS NOT NULL) "
    "UNION ALL "
    "SELECT 'c', n.nspname, oc.opcname, CASE WHEN oc.opcdefault THEN 'default ' ELSE '' END || 'for type ' || "
    "pg_catalog.format_type(oc.opcintype, NULL) || ' using ' || pg_catalog.quote_ident(am.amname) || "
    "CASE WHEN f.opfname <> oc.opcname OR f.opfnamespace <> oc.opcnamespace OR " LOOSE("f.oid") " IS NOT NULL "
    "THEN ' family ' || " VISIBLE("pg_opfamily_is_visible", "f.oid", "fn.nspname", "f.opfname") " ELSE '' END || "
    "' as ' || pg_catalog.concat_ws(', ', " OP_MEMBERS("pg_catalog.pg_opclass", "oc.oid",
    "a.amproclefttype <> oc.opcintype OR a.amprocrighttype <> oc.opcintype") ", "
    "CASE WHEN oc.opckeytype <> 0 THEN 'storage ' || pg_catalog.format_type(oc.opckeytype, NULL) END), "
    "d.description FROM pg_catalog.pg_opclass oc JOIN pg_catalog.pg_namespace n ON n.oid = oc.opcnamespace "
    "JOIN pg_catalog.pg_am am ON am.oid = oc.opcmethod JOIN pg_catalog.pg_opfamily f ON f.oid = oc.opcfamily "
    "JOIN pg_catalog.pg_namespace fn ON fn.oid = f.opfnamespace "
    DESCRIPTION("d", "pg_catalog.pg_opclass", "oc.oid")
    "WHERE " NAMESPACES " AND " NOT_EXTENSION("pg_catalog.pg_opclass", "oc.oid") " "
    "UNION ALL "
    "SELECT 'k', NULL, pg_catalog.format_type(ca.castsource, NULL) || ' as ' || "
    "pg_catalog.format_type(ca.casttarget, NULL), CASE ca.castmethod WHEN 'f' THEN 'with function ' || "
    "ca.castfunc::pg_catalog.regprocedure::text WHEN 'i' THEN 'with inout' ELSE 'without function' END || "
    "CASE ca.castcontext WHEN 'a' THEN ' as assignment' WHEN 'i' THEN ' as implicit' ELSE '' END, d.description "
    "FROM pg_catalog.pg_cast ca "
    DESCRIPTION("d", "pg_catalog.pg_cast", "ca.oid")
    "WHERE ca." OTHER("pg_catalog.pg_cast", "ca.oid") " AND " NOT_INTERNAL("pg_catalog.pg_cast", "ca.oid") " "
    "ORDER BY 1, 2, 3";

/* A table read, by oid (sorted by oid for bsearch). */
typedef struct rel {
    unsigned long oid;
    tide_table *table;
} rel;

typedef struct reader {
    tide_dconn *c;
    tide_schema *out;
    tide_err *err;
    const char *const *schemas;   /* the namespaces read */
    int nschemas;
    int all;                    /* every user namespace */
    tide_buf params[2];           /* $1 namespaces, $2 excluded names: text[] literals */
    rel *rels;
    int nrels;
    tide_buf tmp, item;
} reader;

static const char *const default_schemas[] = { "public" };

/* ---- small helpers ------------------------------------------------------ */

static int nomem(reader *r)
{
    return tide_err_set(r->err, TIDE_ENOMEM, "out of memory reading the schema");
}

/* A field of the result, NULL for SQL NULL. */
static const char *field(const PGresult *res, int row, int col)
{
    return PQgetisnull(res, row, col) ? NULL : PQgetvalue(res, row, col);
}

static int field_true(const PGresult *res, int row, int col)
{
    const char *v = field(res, row, col);
    return v && v[0] == 't';
}

/* NULL for PostgreSQL's default namespace, which the model leaves unnamed. */
static const char *model_schema(const char *nspname)
{
    return nspname && strcmp(nspname, "public") ? nspname : NULL;
}

static int reads_schema(const reader *r, const char *nspname)
{
    int i;
    if (r->all)
        return strncmp(nspname, "pg_", 3) && strcmp(nspname, "information_schema");
    for (i = 0; i < r->nschemas; i++)
        if (!strcmp(r->schemas[i], nspname))
            return 1;
    return 0;
}

/* Appends names as a text[] literal: {"a","b"}, each element quoted. */
static int array_literal(tide_buf *out, const char *const *names, int n)
{
    int i, rc = tide_buf_putc(out, '{');
    const char *p;
    for (i = 0; rc == 0 && i < n; i++) {
        rc = tide_buf_puts(out, i ? ",\"" : "\"");
        for (p = names[i]; rc == 0 && *p; p++) {
            if (*p == '"' || *p == '\\')
                rc = tide_buf_putc(out, '\\');
            if (rc == 0)
                rc = tide_buf_putc(out, *p);
        }
        if (rc == 0)
            rc = tide_buf_putc(out, '"');
    }
    return rc == 0 ? tide_buf_putc(out, '}') : rc;
}

/* The next element of a one-dimensional array literal ({a,"b c",NULL}) into
 * elem; *pos starts at the literal. 1 with an element, 0 at the end. */
static int array_next(const char **pos, tide_buf *elem, int *isnull)
{
    const char *p = *pos;
    int quoted, rc = 0;
    if (*p == '{')
        p++;
    if (*p == '}' || !*p)
        return 0;
    tide_buf_reset(elem);
    if ((quoted = *p == '"'))
        p++;
    for (; *p && rc == 0; p++) {
        if (quoted ? *p == '"' : (*p == ',' || *p == '}'))
            break;
        if (quoted && *p == '\\' && p[1])
            p++;
        rc = tide_buf_putc(elem, *p);
    }
    if (rc < 0)
        return rc;
    if (quoted && *p == '"')
        p++;
    *isnull = !quoted && elem->len == 4 && !strcmp(elem->data, "NULL");
    *pos = *p == ',' ? p + 1 : p;
    return 1;
}

/* Pushes the elements of an array literal (NULL: none) onto a string list. */
static int push_array(reader *r, const char *lit, char ***v, int *n)
{
    int got, isnull;
    while (lit && (got = array_next(&lit, &r->item, &isnull)) != 0) {
        if (got < 0 || tide_strv_push(r->out, v, n, isnull ? "" : r->item.data) < 0)
            return nomem(r);
    }
    return 0;
}

static int cmp_rel(const void *a, const void *b)
{
    const rel *x = a, *y = b;
    return x->oid < y->oid ? -1 : x->oid > y->oid;
}

/* The table of an oid field, NULL when it is not one we read (a table
 * created after the first query cannot show up: one snapshot). */
static tide_table *table_of(const reader *r, const char *oid)
{
    rel key, *found;
    key.oid = strtoul(oid, NULL, 10);
    found = r->nrels ? bsearch(&key, r->rels, (size_t)r->nrels, sizeof *r->rels, cmp_rel) : NULL;
    return found ? found->table : NULL;
}

/* ---- statements ----------------------------------------------------------- */

/* Fills err for a failed catalog query, naming it. */
static int query_error(reader *r, const PGresult *res, const char *what, const char *sql)
{
    const char *primary = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
    const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
    int code = PQstatus(r->c->pg) == CONNECTION_BAD ? TIDE_ECONNECT : TIDE_ESQL;
    char line[256];
    if (!primary) {
        snprintf(line, sizeof line, "%s", PQerrorMessage(r->c->pg));
        line[strcspn(line, "\r\n")] = '\0';
        primary = *line ? line : "unknown error (no message from libpq)";
    }
    tide_err_set(r->err, code, "introspection: the query reading the %s failed: %s%s", what,
                 code == TIDE_ECONNECT ? "connection to PostgreSQL lost: " : "SQL error: ", primary);
    if (r->err && state)
        snprintf(r->err->sqlstate, sizeof r->err->sqlstate, "%s", state);
    tide_err_set_sql(r->err, sql);
    return code;
}

/* Runs one catalog query with the namespaces and exclusions bound; *out is
 * the result (PQclear it), NULL on failure. */
static int fetch(reader *r, const char *what, const char *sql, PGresult **out)
{
    static const Oid types[2] = { OID_TEXT_ARRAY, OID_TEXT_ARRAY };
    const char *values[2] = { r->all ? NULL : r->params[0].data, r->params[1].data };
    PGresult *res = PQexecParams(r->c->pg, sql, 2, types, values, NULL, NULL, 0);
    queries_sent++;
    *out = NULL;
    if (!res || PQresultStatus(res) != PGRES_TUPLES_OK) {
        int rc = query_error(r, res, what, sql);
        PQclear(res);
        return rc;
    }
    *out = res;
    return 0;
}

static int command(reader *r, const char *what, const char *sql)
{
    PGresult *res = PQexec(r->c->pg, sql);
    int rc = 0;
    queries_sent++;
    if (!res || PQresultStatus(res) != PGRES_COMMAND_OK)
        rc = query_error(r, res, what, sql);
    PQclear(res);
    return rc;
}

/* ---- tables and columns --------------------------------------------------- */

static int read_tables(reader *r, const PGresult *res)
{
    int i, rc, n = PQntuples(res);
    if (n > 0 && !(r->rels = malloc(sizeof *r->rels * (size_t)n)))
        return nomem(r);
    for (i = 0; i < n; i++) {
        tide_table *t = tide_schema_add_table(r->out, model_schema(field(res, i, 1)), field(res, i, 2));
        if (!t)
            return nomem(r);
        t->comment = tide_schema_str(r->out, field(res, i, 3));
        if (field(res, i, 4)[0] == 'u')
            t->options |= TIDE_TABLE_UNLOGGED;
        if (field_true(res, i, 5))
            t->options |= TIDE_TABLE_ROW_SECURITY;
        if (field_true(res, i, 6))
            t->options |= TIDE_TABLE_FORCE_ROW_SECURITY;
        if (field(res, i, 7) && !(t->partition_by = tide_schema_str(r->out, field(res, i, 7))))
            return nomem(r);
        if ((rc = push_array(r, field(res, i, 8), &t->inherits, &t->ninherits)) < 0)
            return rc;
        if ((field(res, i, 9) && !(t->cluster_on = tide_schema_str(r->out, field(res, i, 9)))) ||
            (field(res, i, 10) && !(t->with = tide_schema_str(r->out, field(res, i, 10)))) ||
            (field(res, i, 11) && !(t->replica_identity = tide_schema_str(r->out, field(res, i, 11)))))
            return nomem(r);
        r->rels[i].oid = strtoul(field(res, i, 0), NULL, 10);
        r->rels[i].table = t;
        r->nrels++;
    }
    if (r->nrels > 1)
        qsort(r->rels, (size_t)r->nrels, sizeof *r->rels, cmp_rel);
    return 0;
}

/* Where the quoted literal at the start of s ends (just past its closing
 * quote), or NULL when s does not start with one. */
static const char *literal_end(const char *s)
{
    if (*s != '\'')
        return NULL;
    for (s++; *s; s++) {
        if (*s == '\'' && s[1] == '\'')
            s++;
        else if (*s == '\'')
            return s + 1;
    }
    return NULL;
}

/* A plain decimal number, as PostgreSQL prints one: -1, 1.50, 1e+20. */
static int is_number(const char *p, const char *end)
{
    int digits = 0;
    if (p < end && *p == '-')
        p++;
    for (; p < end && ((*p >= '0' && *p <= '9') || *p == '.'); p++)
        digits += *p != '.';
    if (digits && p < end && (*p == 'e' || *p == 'E')) {
        p++;
        if (p < end && (*p == '+' || *p == '-'))
            p++;
        if (p == end)
            return 0;
        while (p < end && *p >= '0' && *p <= '9')
            p++;
    }
    return digits > 0 && p == end;
}

static int is_numeric_type(const char *t)
{
    static const char *const names[] = {
        "smallint", "integer", "bigint", "numeric", "real", "double precision", NULL
    };
    int i;
    for (i = 0; names[i]; i++)
        if (!strcmp(t, names[i]))
            return 1;
    return 0;
}

/* A default as the DSL writes it: PostgreSQL adds a cast to the column's
 * own type to a literal ('abc'::character varying, 'active'::user_status,
 * '{}'::jsonb), and quotes negative and wide numbers ('-1'::integer, and on
 * a real column '-2'::integer): the literal alone, numbers unquoted.
 * Anything else (now(), CURRENT_TIMESTAMP, true, (2 + 3)) stays as it is. */
static int clean_default(const char *expr, const char *full_type, const char *bare_type,
                         int numeric_column, tide_buf *out)
{
    const char *end = literal_end(expr), *cast;
    int own;
    tide_buf_reset(out);
    if (!end || strncmp(end, "::", 2))
        return tide_buf_puts(out, expr);
    cast = end + 2;
    own = !strcmp(cast, full_type) || !strcmp(cast, bare_type);
    if (numeric_column && (own || is_numeric_type(cast)) && is_number(expr + 1, end - 1))
        return tide_buf_add(out, expr + 1, (size_t)(end - 1 - (expr + 1)));
    if (own)
        return tide_buf_add(out, expr, (size_t)(end - expr));
    return tide_buf_puts(out, expr);
}

/* nextval('seq'::regclass), nothing around it. */
static int is_nextval(const char *expr)
{
    size_t n = strlen(expr);
    return !strncmp(expr, "nextval('", 9) && n > 21 && !strcmp(expr + n - 12, "'::regclass)");
}

/* The column's tide type into r->tmp; *is_enum when it names an enum read. */
static int column_type(reader *r, const PGresult *res, int i, int *is_enum)
{
    const char *enum_nsp = field(res, i, 12), *enum_name = field(res, i, 13);
    int array = field_true(res, i, 14), rc;
    *is_enum = 0;
    tide_buf_reset(&r->tmp);
    if (!enum_nsp || !enum_name)
        return tide_model_canonical_type(field(res, i, 2), &r->tmp) < 0 ? nomem(r) : 0;
    /* the model links an enum column by its type, so an enum of a namespace
     * not read stays a plain type name */
    *is_enum = !array && reads_schema(r, enum_nsp);
    rc = tide_model_qualified(model_schema(enum_nsp), enum_name, &r->tmp);
    if (rc == 0 && array)
        rc = tide_buf_puts(&r->tmp, "[]");
    return rc < 0 ? nomem(r) : 0;
}

/* A comment read (NULL: none) into *dst, in the schema's arena. */
static int set_comment(reader *r, char **dst, const char *comment)
{
    return comment && !(*dst = tide_schema_str(r->out, comment)) ? nomem(r) : 0;
}

/* An identity or serial column's own sequence: its options that differ
 * from the defaults for the column's type. */
static int column_sequence(reader *r, const tide_table *t, tide_column *col, const char *options,
                           const char *comment, const char *name)
{
    char dname[64];
    if (!options)
        return 0;
    if (set_comment(r, &col->sequence_comment, comment) < 0)
        return TIDE_ENOMEM;
    col->sequence = (char *)options;
    pg_seq_default_name(t->name, col->name, dname);
    if (name && strcmp(name, dname)) {       /* not the name PostgreSQL would give it */
        tide_buf_reset(&r->tmp);
        if (tide_buf_puts(&r->tmp, "sequence name \"") < 0)
            return nomem(r);
        for (; *name; name++)
            if ((*name == '"' && tide_buf_putc(&r->tmp, '"') < 0) || tide_buf_putc(&r->tmp, *name) < 0)
                return nomem(r);
        if (tide_buf_printf(&r->tmp, "\" %s", options) < 0 ||
            !(col->sequence = tide_schema_str(r->out, r->tmp.data)))
            return nomem(r);
    }
    if (pg_seq_column_options(t->name, col, 0, &r->tmp, r->err) < 0)
        return TIDE_ERROR;
    col->sequence = r->tmp.len ? tide_schema_str(r->out, r->tmp.data) : NULL;
    return r->tmp.len && !col->sequence ? nomem(r) : 0;
}

/* Default, serial and identity. A stored generated column's expression is
 * not a default: it is column.generated. */
static int column_default(reader *r, const PGresult *res, int i, const tide_table *t, tide_column *col)
{
    const char *expr = field(res, i, 8), *identity = field(res, i, 6), *generated = field(res, i, 7);
    col->autoincrement = identity && (identity[0] == 'a' || identity[0] == 'd');
    if (col->autoincrement) {
        col->identity = tide_schema_str(r->out, identity[0] == 'a' ? "always" : "by default");
        return column_sequence(r, t, col, field(res, i, 15), field(res, i, 19), field(res, i, 20));
    }
    if (expr && generated && *generated) {
        col->generated_stored = generated[0] == 's';
        return (col->generated = tide_schema_str(r->out, expr)) ? 0 : nomem(r);
    }
    if (!expr)
        return 0;
    if (field_true(res, i, 9) && is_nextval(expr)) {
        col->autoincrement = 1;     /* serial, bigserial, smallserial */
        return column_sequence(r, t, col, field(res, i, 15), field(res, i, 19), field(res, i, 20));
    }
    if (clean_default(expr, field(res, i, 2), field(res, i, 3), field(res, i, 4)[0] == 'N',
                      &r->tmp) < 0 || !(col->default_expr = tide_schema_str(r->out, r->tmp.data)))
        return nomem(r);
    if (strcmp(expr, col->default_expr) && !(col->default_server = tide_schema_str(r->out, expr)))
        return nomem(r);
    return 0;
}

static int read_columns(reader *r, const PGresult *res)
{
    int i, rc, is_enum, n = PQntuples(res);
    for (i = 0; i < n; i++) {
        tide_table *t = table_of(r, field(res, i, 0));
        tide_column *col;
        if (!t)
            continue;
        if ((rc = column_type(r, res, i, &is_enum)) < 0)
            return rc;
        if (!(col = tide_table_add_column(r->out, t, field(res, i, 1), r->tmp.data)))
            return nomem(r);
        col->is_enum = is_enum;
        col->nullable = !field_true(res, i, 5);
        col->comment = tide_schema_str(r->out, field(res, i, 10));
        col->collation = tide_schema_str(r->out, field(res, i, 11));
        col->statistics = tide_schema_str(r->out, field(res, i, 16));
        col->storage = tide_schema_str(r->out, field(res, i, 17));
        col->compression = tide_schema_str(r->out, field(res, i, 18));
        col->attoptions = tide_schema_str(r->out, field(res, i, 21));
        if ((rc = column_default(r, res, i, t, col)) < 0)
            return rc;
    }
    return 0;
}

/* ---- constraints ---------------------------------------------------------- */

/* confdeltype / confupdtype in the model's words; NULL for no action. */
static const char *fk_action(const char *code)
{
    switch (code ? code[0] : 'a') {
    case 'r': return "restrict";
    case 'c': return "cascade";
    case 'n': return "set null";
    case 'd': return "set default";
    default:  return NULL;
    }
}

/* "CHECK ((price > 0)) NOT VALID" -> "(price > 0)"; the model removes the
 * parentheses left around the whole. */
static int add_check(reader *r, tide_table *t, const char *name, const char *def)
{
    const char *open = def ? strchr(def, '(') : NULL, *close = open ? tide_pg__paren_end(open) : NULL;
    tide_buf_reset(&r->tmp);
    if (!close)
        return tide_err_set(r->err, TIDE_ERROR, "introspection: cannot read check '%s' of table "
                            "%s: unexpected definition '%s'", name, t->name, def ? def : "");
    if (tide_buf_add(&r->tmp, open + 1, (size_t)(close - open - 1)) < 0 ||
        !tide_table_add_check(r->out, t, name, r->tmp.data))
        return nomem(r);
    return 0;
}

static int add_fk(reader *r, tide_table *t, const PGresult *res, int i)
{
    tide_fk *fk = tide_table_add_fk(r->out, t, field(res, i, 1));
    int rc;
    if (!fk)
        return nomem(r);
    if ((rc = push_array(r, field(res, i, 3), &fk->columns, &fk->ncolumns)) < 0 ||
        (rc = push_array(r, field(res, i, 6), &fk->ref_columns, &fk->nref_columns)) < 0)
        return rc;
    fk->ref_schema = tide_schema_str(r->out, model_schema(field(res, i, 4)));
    fk->ref_table = tide_schema_str(r->out, field(res, i, 5));
    if (field(res, i, 16) && fk_action(field(res, i, 7))) {    /* ON DELETE SET NULL (a, b) */
        tide_buf_reset(&r->tmp);
        if (tide_buf_printf(&r->tmp, "%s%s", fk_action(field(res, i, 7)), field(res, i, 16)) < 0)
            return nomem(r);
        fk->on_delete = tide_schema_str(r->out, r->tmp.data);
    } else {
        fk->on_delete = tide_schema_str(r->out, fk_action(field(res, i, 7)));
    }
    fk->on_update = tide_schema_str(r->out, fk_action(field(res, i, 8)));
    fk->deferrable = field_true(res, i, 9);
    fk->initially_deferred = field_true(res, i, 10);
    return 0;
}

static int add_exclusion(reader *r, const tide_table *t, const char *name, const char *def,
                         const char *comment)
{
    tide_object *o = tide_schema_add_object(r->out, TIDE_OBJ_EXCLUSION, t->schema ? t->schema : "public",
                                            name, t->name, def);
    if (!o || (comment && !(o->comment = tide_schema_str(r->out, comment))))
        return nomem(r);
    return 0;
}

/* DEFERRABLE, INITIALLY DEFERRED, NULLS NOT DISTINCT, NOT VALID, NO
 * INHERIT as TIDE_CON_* bits. */
static unsigned con_options(const PGresult *res, int i)
{
    const char *nnd = field(res, i, 14);
    return (field_true(res, i, 9) ? TIDE_CON_DEFERRABLE : 0) |
           (field_true(res, i, 10) ? TIDE_CON_INITIALLY_DEFERRED : 0) |
           (nnd && nnd[0] == 't' ? TIDE_CON_NULLS_NOT_DISTINCT : 0) |
           (!field_true(res, i, 12) ? TIDE_CON_NOT_VALID : 0) |
           (field_true(res, i, 13) ? TIDE_CON_NO_INHERIT : 0);
}

static int read_constraints(reader *r, const PGresult *res)
{
    int i, rc = 0, n = PQntuples(res);
    for (i = 0; i < n && rc == 0; i++) {
        tide_table *t = table_of(r, field(res, i, 0));
        const char *name = field(res, i, 1), *comment = field(res, i, 15);
        tide_unique *u;
        if (!t)
            continue;
        switch (field(res, i, 2)[0]) {
        case 'p':
            if (!(t->pk_name = tide_schema_str(r->out, name)) || set_comment(r, &t->pk_comment, comment) < 0)
                return nomem(r);
            t->pk_options = con_options(res, i) & (TIDE_CON_DEFERRABLE | TIDE_CON_INITIALLY_DEFERRED);
            if ((rc = push_array(r, field(res, i, 3), &t->pk, &t->npk)) == 0)
                rc = push_array(r, field(res, i, 18), &t->pk_include, &t->npk_include);   /* INCLUDE */
            break;
        case 'u':
            if (!(u = tide_table_add_unique(r->out, t, name)) || set_comment(r, &u->comment, comment) < 0)
                return nomem(r);
            u->options = con_options(res, i) & (TIDE_CON_DEFERRABLE | TIDE_CON_INITIALLY_DEFERRED |
                                                 TIDE_CON_NULLS_NOT_DISTINCT);
            if ((rc = push_array(r, field(res, i, 3), &u->columns, &u->ncolumns)) == 0)
                rc = push_array(r, field(res, i, 18), &u->include, &u->ninclude);   /* INCLUDE */
            break;
        case 'f':
            if ((rc = add_fk(r, t, res, i)) == 0) {
                t->fks[t->nfks - 1].options = (con_options(res, i) & TIDE_CON_NOT_VALID) |
                                              (field(res, i, 17) && field(res, i, 17)[0] == 'f' ? TIDE_CON_MATCH_FULL : 0);
                rc = set_comment(r, &t->fks[t->nfks - 1].comment, comment);
            }
            break;
        case 'x':                   /* exclusion: an object on the table, its text */
            rc = add_exclusion(r, t, name, field(res, i, 11), comment);
            break;
        case 'c':
            if ((rc = add_check(r, t, name, field(res, i, 11))) == 0) {
                t->checks[t->nchecks - 1].options = con_options(res, i) & (TIDE_CON_NOT_VALID |
                                                                          TIDE_CON_NO_INHERIT);
                rc = set_comment(r, &t->checks[t->nchecks - 1].comment, comment);
            }
            break;
        }
    }
    return rc;
}

/* ---- indexes and enums ------------------------------------------------------ */

/* The key list of an index definition: what is between the parentheses
 * after USING method (the first ones outside quoted names). */
static int index_expression(reader *r, const char *def, tide_index *ix)
{
    const char *p, *close = NULL;
    char quote = 0;
    for (p = def; *p && !close; p++) {
        if (quote && *p == quote)
            quote = 0;
        else if (!quote && *p == '"')
            quote = *p;
        else if (!quote && *p == '(')
            close = tide_pg__paren_end(p);
    }
    if (!close)
        return tide_err_set(r->err, TIDE_ERROR, "introspection: cannot read index '%s': "
                            "unexpected definition '%s'", ix->name, def);
    if (!(ix->expression = tide_schema_strn(r->out, p, (size_t)(close - p))))
        return nomem(r);
    return 0;
}

/* indoption per key column: bit 1 DESC, bit 2 NULLS FIRST. The defaults
 * (nulls last ascending, first descending) are left unsaid. */
static int index_columns(reader *r, const char *names, const char *options, tide_index *ix)
{
    const char *pos = names;
    char *end;
    int got, isnull;
    while (pos && (got = array_next(&pos, &r->item, &isnull)) != 0) {
        long opt = options ? strtol(options, &end, 10) : 0;
        int desc = (opt & 1) != 0, nulls_first = (opt & 2) != 0;
        options = options ? end : NULL;
        if (got < 0 || (desc && tide_buf_puts(&r->item, " desc") < 0) ||
            (desc != nulls_first && tide_buf_puts(&r->item, nulls_first ? " nulls first"
                                                                          : " nulls last") < 0) ||
            tide_strv_push(r->out, &ix->columns, &ix->ncolumns, r->item.data) < 0)
            return nomem(r);
    }
    return 0;
}

static int read_indexes(reader *r, const PGresult *res)
{
    int i, rc, n = PQntuples(res);
    for (i = 0; i < n; i++) {
        tide_table *t = table_of(r, field(res, i, 0));
        const char *method = field(res, i, 3);
        tide_index *ix;
        if (!t)
            continue;
        if (!(ix = tide_table_add_index(r->out, t, field(res, i, 1))))
            return nomem(r);
        ix->unique = field_true(res, i, 2);
        ix->nulls_not_distinct = field_true(res, i, 12);
        ix->method = strcmp(method, "btree") ? tide_schema_str(r->out, method) : NULL;
        ix->where = tide_schema_str(r->out, field(res, i, 7));
        if ((field(res, i, 10) && !(ix->comment = tide_schema_str(r->out, field(res, i, 10)))) ||
            (field(res, i, 11) && *field(res, i, 11) && !(ix->with = tide_schema_str(r->out, field(res, i, 11)))))
            return nomem(r);
        if (field_true(res, i, 4))
            rc = index_expression(r, field(res, i, 8), ix);
        else
            rc = index_columns(r, field(res, i, 5), field(res, i, 6), ix);
        if (rc < 0 || (rc = push_array(r, field(res, i, 9), &ix->include, &ix->ninclude)) < 0)
            return rc;
    }
    return 0;
}

static int read_enums(reader *r, const PGresult *res)
{
    int i, rc, n = PQntuples(res);
    for (i = 0; i < n; i++) {
        tide_enum *e = tide_schema_add_enum(r->out, model_schema(field(res, i, 0)), field(res, i, 1));
        if (!e)
            return nomem(r);
        if ((rc = push_array(r, field(res, i, 2), &e->values, &e->nvalues)) < 0)
            return rc;
        if ((rc = set_comment(r, &e->comment, field(res, i, 3))) < 0)
            return rc;
    }
    return 0;
}

static int read_namespaces(reader *r, const PGresult *res)
{
    int i, n = PQntuples(res);
    for (i = 0; i < n; i++)
        if (tide_strv_push(r->out, &r->out->namespaces, &r->out->nnamespaces, field(res, i, 0)) < 0 ||
            (field(res, i, 1) && tide_schema_set_namespace_comment(r->out, field(res, i, 0), field(res, i, 1)) < 0))
            return nomem(r);
    return 0;
}

/* ---- objects ------------------------------------------------------------------ */

/* def without the white space around it and a trailing semicolon. */
static int trimmed(reader *r, const char *def)
{
    size_t n;
    while (*def == ' ' || *def == '\n' || *def == '\t')
        def++;
    n = strlen(def);
    while (n && (def[n - 1] == ' ' || def[n - 1] == '\n' || def[n - 1] == '\t' || def[n - 1] == ';'))
        n--;
    tide_buf_reset(&r->tmp);
    return tide_buf_add(&r->tmp, def, n) < 0 ? nomem(r) : 0;
}

/* Adds an object read from the catalog: the definition trimmed, its
 * comment, and (reads_col >= 0) what the catalog says it reads. */
static int add_object(reader *r, tide_object_kind kind, const char *nsp, const char *name,
                      const char *table, const PGresult *res, int i, int def_col, int reads_col)
{
    tide_object *o;
    int rc;
    if ((rc = trimmed(r, field(res, i, def_col))) < 0)
        return rc;
    if (!(o = tide_schema_add_object(r->out, kind, model_schema(nsp), name, table, r->tmp.data)))
        return nomem(r);
    if (field(res, i, def_col + 1) && !(o->comment = tide_schema_str(r->out, field(res, i, def_col + 1))))
        return nomem(r);
    if (kind == TIDE_OBJ_SEQUENCE && !(o->canonical = tide_schema_str(r->out, o->definition)))
        return nomem(r);
    if (reads_col < 0)
        return 0;
    o->reads_given = 1;
    return push_array(r, field(res, i, reads_col), &o->reads, &o->nreads);
}

static int read_views(reader *r, const PGresult *res)
{
    int i, rc = 0, n = PQntuples(res);
    for (i = 0; i < n && rc == 0; i++)
        if ((rc = add_object(r, field(res, i, 2)[0] == 'm' ? TIDE_OBJ_MATVIEW : TIDE_OBJ_VIEW,
                             field(res, i, 0), field(res, i, 1), NULL, res, i, 3, 5)) == 0) {
            tide_object *o = &r->out->objects[r->out->nobjects - 1];
            if (field(res, i, 6) && !(o->with = tide_schema_str(r->out, field(res, i, 6))))
                rc = nomem(r);
            else                                /* a view's column defaults */
                rc = push_array(r, field(res, i, 7), &o->column_defaults, &o->ncolumn_defaults);
        }
    return rc;
}

static int read_object_indexes(reader *r, const PGresult *res)
{
    int i, rc = 0, n = PQntuples(res);
    for (i = 0; i < n && rc == 0; i++)
        rc = add_object(r, field(res, i, 0)[0] == 'm' ? TIDE_OBJ_MATVIEW_INDEX : TIDE_OBJ_PARTITION_INDEX,
                        field(res, i, 1), field(res, i, 2), NULL, res, i, 3, 5);
    return rc;
}

static int read_functions(reader *r, const PGresult *res)
{
    int i, rc = 0, n = PQntuples(res);
    for (i = 0; i < n && rc == 0; i++)
        rc = add_object(r, TIDE_OBJ_FUNCTION, field(res, i, 0), field(res, i, 1), NULL, res, i, 2, -1);
    return rc;
}

static int read_aggregates(reader *r, const PGresult *res)
{
    int i, rc = 0, n = PQntuples(res);
    for (i = 0; i < n && rc == 0; i++)
        rc = add_object(r, TIDE_OBJ_AGGREGATE, field(res, i, 0), field(res, i, 1), NULL, res, i, 2, -1);
    return rc;
}

static int read_operators(reader *r, const PGresult *res)
{
    int i, rc = 0, n = PQntuples(res);
    for (i = 0; i < n && rc == 0; i++) {
        char k = field(res, i, 0)[0];
        tide_object_kind kind = k == 'o' ? TIDE_OBJ_OPERATOR : k == 'f' ? TIDE_OBJ_OPFAMILY
                                : k == 'c' ? TIDE_OBJ_OPCLASS : TIDE_OBJ_CAST;
        rc = add_object(r, kind, field(res, i, 1), field(res, i, 2), NULL, res, i, 3, -1);
    }
    return rc;
}

static int read_types(reader *r, const PGresult *res)
{
    int i, rc = 0, n = PQntuples(res);
    for (i = 0; i < n && rc == 0; i++) {
        char k = field(res, i, 0)[0];
        tide_object_kind kind = k == 'e' ? TIDE_OBJ_EXTENSION : k == 'd' ? TIDE_OBJ_DOMAIN
                                : k == 'l' ? TIDE_OBJ_COLLATION : k == 's' ? TIDE_OBJ_TS_DICTIONARY
                                : k == 't' ? TIDE_OBJ_TS_CONFIGURATION : k == 'r' ? TIDE_OBJ_RANGE
                                : TIDE_OBJ_COMPOSITE;
        rc = add_object(r, kind, field(res, i, 1), field(res, i, 2), NULL, res, i, 3, -1);
        if (rc == 0 && (kind == TIDE_OBJ_EXTENSION || kind == TIDE_OBJ_COLLATION)) {
            tide_object *o = &r->out->objects[r->out->nobjects - 1];
            if (!(o->canonical = tide_schema_str(r->out, o->definition)))
                rc = nomem(r);
        }
    }
    return rc;
}

/* A sequence, and its owner when a column owns it (PostgreSQL keeps the two
 * in one namespace). */
static int read_sequences(reader *r, const PGresult *res)
{
    int i, rc = 0, n = PQntuples(res);
    for (i = 0; i < n && rc == 0; i++)
        if ((rc = add_object(r, TIDE_OBJ_SEQUENCE, field(res, i, 0), field(res, i, 1), NULL, res, i, 2, -1)) == 0 &&
            field(res, i, 4))
            rc = add_object(r, TIDE_OBJ_SEQUENCE_OWNER, field(res, i, 0), field(res, i, 1), field(res, i, 4),
                            res, i, 5, -1);
    return rc;
}

/* Triggers and policies: on a table read (by oid). Triggers read their
 * table only (what their function reads is the function's business). */
/* Objects on a table: column 0 the table read, 1 the name, 2 the
 * definition, 3 the comment. With owner_col, the object is on the relation
 * whose namespace and name are columns owner_col and owner_col + 1 (a
 * partition of the table read, in the partition's own namespace; a view,
 * in its own). */
static int read_on_table(reader *r, const PGresult *res, tide_object_kind kind, int reads_col, int owner_col)
{
    int i, rc = 0, n = PQntuples(res);
    for (i = 0; i < n && rc == 0; i++) {
        tide_table *t = table_of(r, field(res, i, 0));
        const char *nsp = owner_col >= 0 ? field(res, i, owner_col) : t ? (t->schema ? t->schema : "public") : NULL;
        if (nsp)
            rc = add_object(r, kind, nsp, field(res, i, 1), owner_col < 0 ? t->name : field(res, i, owner_col + 1),
                            res, i, 2, reads_col);
    }
    return rc;
}

/* read_on_table for objects whose relation is all they read (a trigger:
 * what its function reads is the function's business). */
static int read_on_table_alone(reader *r, const PGresult *res, tide_object_kind kind, int owner_col)
{
    int from = r->out->nobjects, rc = read_on_table(r, res, kind, -1, owner_col), i;
    for (i = from; rc == 0 && i < r->out->nobjects; i++)
        r->out->objects[i].reads_given = 1;
    return rc;
}

static int read_triggers(reader *r, const PGresult *res)
{
    int from = r->out->nobjects, rc = read_on_table_alone(r, res, TIDE_OBJ_TRIGGER, 4), i;
    for (i = 0; rc == 0 && i < PQntuples(res); i++)      /* one object per row: the owner column is read */
        if (field(res, i, 6) && !(r->out->objects[from + i].enabled = tide_schema_str(r->out, field(res, i, 6))))
            rc = nomem(r);
    return rc;
}

/* A partition in its own namespace, of a table in the same or another
 * (table_schema). */
static int read_partitions(reader *r, const PGresult *res)
{
    int from = r->out->nobjects, i, rc = 0, n = PQntuples(res);
    for (i = 0; i < n && rc == 0; i++)
        if ((rc = add_object(r, TIDE_OBJ_PARTITION, field(res, i, 8), field(res, i, 1), field(res, i, 5),
                             res, i, 2, -1)) == 0 && strcmp(field(res, i, 4), field(res, i, 8)) &&
            !(r->out->objects[r->out->nobjects - 1].table_schema = tide_schema_str(r->out, field(res, i, 4))))
            rc = nomem(r);
    for (i = 0; rc == 0 && i < n; i++)      /* one object per row */
        if ((field(res, i, 6) && *field(res, i, 6) &&
             !(r->out->objects[from + i].with = tide_schema_str(r->out, field(res, i, 6)))) ||
            (field(res, i, 7) &&
             !(r->out->objects[from + i].replica_identity = tide_schema_str(r->out, field(res, i, 7)))))
            rc = nomem(r);
        else {                                   /* its own row level security */
            r->out->objects[from + i].row_security = field_true(res, i, 9);
            r->out->objects[from + i].force_row_security = field_true(res, i, 10);
            rc = push_array(r, field(res, i, 11), &r->out->objects[from + i].column_defaults,
                            &r->out->objects[from + i].ncolumn_defaults);
        }
    return rc;
}

static int read_partition_constraints(reader *r, const PGresult *res)
{
    return read_on_table(r, res, TIDE_OBJ_PARTITION_CONSTRAINT, -1, 4);
}

/* An attached copy whose name is not the one PostgreSQL gives it, or that
 * has a comment: an attached index (any other is its table's index's, made
 * again with it). */
static int read_attached_indexes(reader *r, const PGresult *res)
{
    int i, rc = 0, n = PQntuples(res);
    for (i = 0; i < n && rc == 0; i++) {
        const char *pos = field(res, i, 7), *cols[32];
        char names[32][64], dflt[64];
        int got, isnull, k = 0;
        while (pos && k < 32 && (got = array_next(&pos, &r->item, &isnull)) != 0) {
            if (got < 0)
                return nomem(r);
            snprintf(names[k], sizeof names[k], "%s", r->item.data);
            cols[k] = names[k];
            k++;
        }
        pg_index_default_name(field(res, i, 5), cols, k, field(res, i, 6), dflt);
        if (strcmp(dflt, field(res, i, 1)) || field(res, i, 3))
            rc = add_object(r, TIDE_OBJ_ATTACHED_INDEX, field(res, i, 4), field(res, i, 1), field(res, i, 5),
                            res, i, 2, -1);
    }
    return rc;
}

static int read_rules(reader *r, const PGresult *res)
{
    return read_on_table(r, res, TIDE_OBJ_RULE, -1, 4);
}

static int read_statistics(reader *r, const PGresult *res)
{
    return read_on_table_alone(r, res, TIDE_OBJ_STATISTICS, 4);
}

static int read_policies(reader *r, const PGresult *res)
{
    return read_on_table(r, res, TIDE_OBJ_POLICY, 4, 5);
}

/* Objects of the database itself (no namespace): the name, the definition
 * and the comment, each put in the driver's one spelling by canon. */
static int read_canonical(reader *r, const PGresult *res, tide_object_kind kind,
                          int (*canon)(tide_schema *, tide_object *, tide_buf *, tide_err *))
{
    int i, rc = 0, n = PQntuples(res);
    for (i = 0; i < n && rc == 0; i++)
        if ((rc = add_object(r, kind, NULL, field(res, i, 0), NULL, res, i, 1, -1)) == 0)
            rc = canon(r->out, &r->out->objects[r->out->nobjects - 1], &r->tmp, r->err);
    return rc;
}

static int read_publications(reader *r, const PGresult *res)
{
    return read_canonical(r, res, TIDE_OBJ_PUBLICATION, pg_publication_canonical);
}

/* Then the state of one that does not fire as by default. */
static int read_event_triggers(reader *r, const PGresult *res)
{
    int from = r->out->nobjects, rc = read_canonical(r, res, TIDE_OBJ_EVENT_TRIGGER, pg_event_trigger_canonical), i;
    for (i = 0; rc == 0 && i < PQntuples(res); i++)
        if (field(res, i, 3) && !(r->out->objects[from + i].enabled = tide_schema_str(r->out, field(res, i, 3))))
            rc = nomem(r);
    return rc;
}

static int read_foreign(reader *r, const PGresult *res)
{
    int i, rc = 0, n = PQntuples(res);
    for (i = 0; i < n && rc == 0; i++) {
        char k = field(res, i, 0)[0];
        tide_object_kind kind = k == 'w' ? TIDE_OBJ_FOREIGN_WRAPPER : k == 's' ? TIDE_OBJ_FOREIGN_SERVER
                                : TIDE_OBJ_FOREIGN_TABLE;
        if ((rc = add_object(r, kind, field(res, i, 1), field(res, i, 2), NULL, res, i, 3, -1)) == 0)
            rc = pg_foreign_canonical(r->out, &r->out->objects[r->out->nobjects - 1], &r->tmp, r->err);
    }
    return rc;
}

/* Each comment to its object; one whose object was not read (a partition
 * of a table left out) is said as not carried. */
static int read_column_comments(reader *r, const PGresult *res)
{
    int i, n = PQntuples(res);
    for (i = 0; i < n; i++) {
        char k = field(res, i, 0)[0];
        tide_object_kind kind = k == 'v' ? TIDE_OBJ_VIEW : k == 'm' ? TIDE_OBJ_MATVIEW
                                : k == 'c' ? TIDE_OBJ_COMPOSITE : TIDE_OBJ_PARTITION;
        tide_object *o = (tide_object *)tide_schema_find_object(r->out, kind, field(res, i, 1), field(res, i, 2),
                                                                field(res, i, 3));
        if (o) {
            if (tide_strv_push(r->out, &o->column_comments, &o->ncolumn_comments, field(res, i, 4)) < 0 ||
                tide_strv_push(r->out, &o->column_comments, &o->ncolumn_comments, field(res, i, 5)) < 0)
                return nomem(r);
            continue;
        }
        tide_buf_reset(&r->tmp);
        if (tide_buf_printf(&r->tmp, "%s %s%s%s: the comment of column %s", tide_object_kinds[kind].name,
                            strcmp(field(res, i, 1), "public") ? field(res, i, 1) : "",
                            strcmp(field(res, i, 1), "public") ? "." : "", field(res, i, 2), field(res, i, 4)) < 0 ||
            tide_strv_push(r->out, &r->out->unmodelled, &r->out->nunmodelled, r->tmp.data) < 0)
            return nomem(r);
    }
    return 0;
}

static int read_unmodelled(reader *r, const PGresult *res)
{
    int i, n = PQntuples(res);
    for (i = 0; i < n; i++)
        if (tide_strv_push(r->out, &r->out->unmodelled, &r->out->nunmodelled, field(res, i, 0)) < 0)
            return nomem(r);
    return 0;
}

/* ---- the whole ------------------------------------------------------------- */

/* Whether any object of a kind could be read: a cheap test, true whenever
 * the kind's query could return a row (a superset of it: any such object
 * made after initdb, oid >= 16384, in any namespace, an extension's too).
 * A step whose test is false is not sent: on a small schema most kinds
 * have nothing, and each of their queries cost the server a few ms of
 * planning (on a new connection, 5 to 25 ms: a schema:inspect of one
 * table spent 90 of its 115 ms of server time planning). */
#define ANY_OF(catalog, cond) "EXISTS (SELECT 1 FROM pg_catalog." catalog " WHERE " cond ")"
#define USER_MADE "oid >= 16384"
#define ANY_PARTITION ANY_OF("pg_class", "relispartition")

static const struct step {
    const char *what;
    const char *sql;
    int (*read)(reader *r, const PGresult *res);
    const char *probe;             /* NULL: always sent */
} steps[] = {
    { "tables", sql_tables, read_tables, NULL },       /* first: the others find their table */
    { "columns", sql_columns, read_columns, NULL },
    { "constraints", sql_constraints, read_constraints, NULL },
    { "indexes", sql_indexes, read_indexes, NULL },
    { "enums", sql_enums, read_enums, ANY_OF("pg_type", "typtype = 'e'") },
    { "namespaces", sql_namespaces, read_namespaces, NULL },
    { "types", sql_types, read_types, NULL },
    { "sequences", sql_sequences, read_sequences, ANY_OF("pg_sequence", "true") },
    { "functions", sql_functions, read_functions, ANY_OF("pg_proc", USER_MADE) },
    { "aggregates", sql_aggregates, read_aggregates, ANY_OF("pg_aggregate", "aggfnoid::pg_catalog.oid >= 16384") },
    { "operators, operator classes and families, casts", sql_operators, read_operators,
      ANY_OF("pg_operator", USER_MADE) " OR " ANY_OF("pg_opclass", USER_MADE) " OR "
      ANY_OF("pg_opfamily", USER_MADE) " OR " ANY_OF("pg_cast", USER_MADE) },
    { "views", sql_views, read_views, ANY_OF("pg_class", "relkind IN ('v', 'm') AND " USER_MADE) },
    { "indexes of materialized views and partitions", sql_object_indexes, read_object_indexes,
      ANY_OF("pg_class", "(relkind = 'm' OR relispartition) AND " USER_MADE) },
    { "partitions", sql_partitions, read_partitions, ANY_PARTITION },
    { "partition constraints", sql_partition_constraints, read_partition_constraints, ANY_PARTITION },
    { "attached indexes", sql_attached_indexes, read_attached_indexes, ANY_PARTITION },
    { "triggers", sql_triggers, read_triggers, ANY_OF("pg_trigger", "NOT tgisinternal") },
    { "policies", sql_policies, read_policies, ANY_OF("pg_policy", "true") },
    { "extended statistics", sql_statistics, read_statistics, ANY_OF("pg_statistic_ext", "true") },
    { "rules", sql_rules, read_rules, ANY_OF("pg_rewrite", "rulename <> '_RETURN'") },
    { "publications", sql_publications, read_publications, ANY_OF("pg_publication", "true") },
    { "event triggers", sql_event_triggers, read_event_triggers, ANY_OF("pg_event_trigger", "true") },
    { "foreign data wrappers, servers and tables", sql_foreign, read_foreign,
      ANY_OF("pg_foreign_data_wrapper", "true") " OR " ANY_OF("pg_foreign_server", "true") " OR "
      ANY_OF("pg_class", "relkind = 'f'") },
    { "objects tide does not carry", sql_unmodelled, read_unmodelled, NULL },
    { "column comments of views, types and partitions", sql_column_comments, read_column_comments,
      ANY_OF("pg_description", "classoid = 'pg_catalog.pg_class'::pg_catalog.regclass AND objsubid <> 0 "
             "AND objoid >= 16384") },
};
enum { NSTEPS = sizeof steps / sizeof *steps };

/* Which steps to skip (skip[i] 1): one query asking every step's probe. */
static int probe_steps(reader *r, char *skip)
{
    tide_buf sql = TIDE_BUF_INIT;
    PGresult *res = NULL;
    int i, col = 0, rc;
    rc = tide_buf_puts(&sql, "SELECT ");
    for (i = 0; rc == 0 && i < NSTEPS; i++)
        if (steps[i].probe)
            rc = tide_buf_printf(&sql, "%s(%s)", col++ ? ", " : "", steps[i].probe);
    if (rc < 0) {
        tide_buf_free(&sql);
        return nomem(r);
    }
    rc = fetch(r, "kinds of objects present", sql.data, &res);
    tide_buf_free(&sql);
    if (rc < 0)
        return rc;
    for (i = 0, col = 0; i < NSTEPS; i++)
        skip[i] = steps[i].probe && PQntuples(res) == 1 && !field_true(res, 0, col++);
    PQclear(res);
    return 0;
}

/* ---- the columns on a second connection ------------------------------------ */

/* The columns' query is half of the server's time on a large schema. From
 * SIDE_MIN_TABLES tables on, it runs on a second connection, in the first
 * one's snapshot (pg_export_snapshot, as pg_dump -j does), while the first
 * runs the other queries: 5,000 tables 1.3 s -> 0.9 s. Below that, a
 * second connection costs more than it saves. TIDE_PG_SECOND_CONNECTION=0
 * never makes one, =1 whatever the size (the tests). A second connection
 * that cannot be had (max_connections, a pooler's limit, a server that
 * refuses to export snapshots) costs nothing but its attempt: the columns
 * are read on the first. */
enum { SIDE_MIN_TABLES = 300 };

/* What changes how the server prints a type, a default or an expression
 * (names qualified or not, dates, times, numbers, bytes, strings): the
 * second connection takes the first one's values, which a program
 * embedding tide may have SET on it. */
#define PRINTED_SETTINGS(X) X("search_path") X("DateStyle") X("IntervalStyle") X("TimeZone") \
    X("extra_float_digits") X("bytea_output") X("quote_all_identifiers") \
    X("standard_conforming_strings") X("lc_monetary") X("xmloption")
#define SETTING_COUNT(name) + 1
#define SETTING_READ(name) ", pg_catalog.current_setting('" name "')"
enum { NSETTINGS = 0 PRINTED_SETTINGS(SETTING_COUNT) };
#undef SETTING_COUNT

static const char *const setting_names[] = {
#define SETTING_NAME(name) name,
    PRINTED_SETTINGS(SETTING_NAME)
#undef SETTING_NAME
};

/* The first connection's transaction, its snapshot exported and the
 * settings read in the same round trip. */
static const char sql_begin_exporting[] = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; "
    "SET LOCAL jit = off; SELECT pg_catalog.pg_export_snapshot()" PRINTED_SETTINGS(SETTING_READ);
static const char sql_begin[] = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; SET LOCAL jit = off";

/* Shared by the first connection's thread and the second's. The first
 * frees it, unless it gave up waiting for the second (abandoned): then the
 * second frees it when it ends. */
typedef struct side {
    char snapshot[64];            /* the exported snapshot; "" when none */
    tide_buf settings[2];         /* names, values: the first connection's, text[] literals */
    PQconninfoOption *opts;       /* the first connection's options */
    char *params[2];              /* the columns' query's $1 (NULL: every namespace) and $2 */
    pthread_t thread;
    int running;                  /* the thread was started and not joined */
    pthread_mutex_t mu;           /* guards begun, done, abandoned */
    pthread_cond_t cv;            /* signalled when begun or done is set */
    int begun;                    /* the second connection is in the snapshot */
    int done;                     /* the thread is about to end */
    int abandoned;                /* the first gave up on it */
    int queries;                  /* statements sent */
    PGresult *res;                /* the columns; NULL when they could not be had */
} side;

/* Its snapshot and settings, from sql_begin_exporting's row. */
static int side_keep(side *sd, const PGresult *res)
{
    const char *snap = PQgetvalue(res, 0, 0), *values[NSETTINGS];
    int i;
    if (strspn(snap, "0123456789ABCDEFabcdef-") != strlen(snap) || strlen(snap) >= sizeof sd->snapshot)
        return -1;                 /* not a snapshot's name: not written into SQL */
    for (i = 0; i < NSETTINGS; i++)
        values[i] = PQgetvalue(res, 0, i + 1);
    if (array_literal(&sd->settings[0], setting_names, NSETTINGS) < 0 ||
        array_literal(&sd->settings[1], values, NSETTINGS) < 0)
        return -1;
    strcpy(sd->snapshot, snap);
    return 0;
}

static side *side_new(void)
{
    side *sd = calloc(1, sizeof *sd);
    if (sd && pthread_mutex_init(&sd->mu, NULL) != 0) {
        free(sd);
        return NULL;
    }
    if (sd && pthread_cond_init(&sd->cv, NULL) != 0) {
        pthread_mutex_destroy(&sd->mu);
        free(sd);
        return NULL;
    }
    return sd;
}

static void side_free(side *sd)
{
    if (!sd)
        return;
    tide_buf_free(&sd->settings[0]);
    tide_buf_free(&sd->settings[1]);
    PQconninfoFree(sd->opts);
    free(sd->params[0]);
    free(sd->params[1]);
    PQclear(sd->res);
    pthread_cond_destroy(&sd->cv);
    pthread_mutex_destroy(&sd->mu);
    free(sd);
}

/* TIDE_PG_SECOND_CONNECTION: 0 never, 1 whatever the size, -1 (unset or
 * anything else) from SIDE_MIN_TABLES tables. */
static int second_connection_setting(void)
{
    const char *want = getenv("TIDE_PG_SECOND_CONNECTION");
    return want && !strcmp(want, "0") ? 0 : want && !strcmp(want, "1") ? 1 : -1;
}

/* The first connection's transaction; with a second connection possible
 * (not TIDE_PG_SECOND_CONNECTION=0), its snapshot exported. A server that
 * refuses the export (the transaction is then aborted) gets a plain one. */
static int begin(reader *r, side **sdp)
{
    PGresult *res;
    int ok;
    if (second_connection_setting() == 0 || !(*sdp = side_new()))
        return command(r, "schema (begin)", sql_begin);
    res = PQexec(r->c->pg, sql_begin_exporting);
    queries_sent++;
    ok = res && PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) == 1 &&
         PQnfields(res) == 1 + NSETTINGS && side_keep(*sdp, res) == 0;
    PQclear(res);
    if (ok)
        return 0;
    side_free(*sdp);
    *sdp = NULL;
    if (PQtransactionStatus(r->c->pg) != PQTRANS_IDLE) {
        res = PQexec(r->c->pg, "ROLLBACK");
        queries_sent++;
        PQclear(res);
    }
    return command(r, "schema (begin)", sql_begin);   /* its failure is the one to report */
}

/* The second connection's thread: connect, take the snapshot and the
 * settings, read the columns. Any failure leaves sd->res NULL. */
static void *side_main(void *arg)
{
    static const Oid types[2] = { OID_TEXT_ARRAY, OID_TEXT_ARRAY };
    static const char sql_settings[] = "SELECT pg_catalog.set_config(u.name, u.value, true) "
        "FROM ROWS FROM (pg_catalog.unnest($1::text[]), pg_catalog.unnest($2::text[])) u(name, value)";
    side *sd = arg;
    const char *settings[2] = { sd->settings[0].data, sd->settings[1].data };
    const char *params[2] = { sd->params[0], sd->params[1] };
    char begin_sql[256];
    PGconn *pg = pg_connect_with(sd->opts);
    PGresult *res;
    int ok = 0, abandoned;
    if (pg) {
        snprintf(begin_sql, sizeof begin_sql, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; "
                 "SET TRANSACTION SNAPSHOT '%s'; SET LOCAL jit = off", sd->snapshot);
        res = PQexec(pg, begin_sql);
        ok = res && PQresultStatus(res) == PGRES_COMMAND_OK;
        PQclear(res);
        pthread_mutex_lock(&sd->mu);
        sd->begun = ok;
        ok = ok && !sd->abandoned;
        pthread_cond_signal(&sd->cv);
        pthread_mutex_unlock(&sd->mu);
    }
    if (ok) {
        res = PQexecParams(pg, sql_settings, 2, types, settings, NULL, NULL, 0);
        ok = res && PQresultStatus(res) == PGRES_TUPLES_OK;
        PQclear(res);
    }
    if (ok) {
        res = PQexecParams(pg, sql_columns, 2, types, params, NULL, NULL, 0);
        if (res && PQresultStatus(res) == PGRES_TUPLES_OK)
            sd->res = res;
        else
            PQclear(res);
    }
    PQfinish(pg);                  /* its transaction ends with it */
    pthread_mutex_lock(&sd->mu);
    sd->queries = pg ? 1 + ok + ok : 0;
    sd->done = 1;
    abandoned = sd->abandoned;
    pthread_cond_signal(&sd->cv);
    pthread_mutex_unlock(&sd->mu);
    if (abandoned)
        side_free(sd);             /* the first went on without it */
    return NULL;
}

/* Starts the columns' query on a second connection when the schema is
 * large enough for it to pay; 0 when started. */
static int side_start(reader *r, side *sd)
{
    if (!sd || (r->nrels < SIDE_MIN_TABLES && second_connection_setting() != 1))
        return -1;
    if (!(sd->opts = PQconninfo(r->c->pg)) || (!r->all && !(sd->params[0] = strdup(r->params[0].data))) ||
        !(sd->params[1] = strdup(r->params[1].data)))
        return -1;
    if (pthread_create(&sd->thread, NULL, side_main, sd) != 0)
        return -1;
    sd->running = 1;
    return 0;
}

/* Its result, once the thread is done (NULL: read it on the first). Called
 * when the first connection has sent everything else: a second connection
 * still not in the snapshot a second later is waiting for a server (a
 * pooler whose every server connection is taken, the first's among them,
 * would have it wait until the first commits: forever) and is given up: the
 * columns are read on the first, and the thread, detached, frees the side
 * (*sdp NULL). */
static PGresult *side_join(side **sdp)
{
    enum { WAIT_MS = 1000 };
    side *sd = *sdp;
    PGresult *res;
    struct timespec until;
    int give_up;
    if (!sd || !sd->running)
        return NULL;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_sec += WAIT_MS / 1000;
    pthread_mutex_lock(&sd->mu);
    while (!sd->begun && !sd->done && pthread_cond_timedwait(&sd->cv, &sd->mu, &until) == 0)
        ;
    give_up = !sd->begun && !sd->done;
    sd->abandoned = give_up;
    pthread_mutex_unlock(&sd->mu);
    if (give_up) {
        pthread_detach(sd->thread);
        *sdp = NULL;
        return NULL;
    }
    pthread_join(sd->thread, NULL);
    sd->running = 0;
    queries_sent += sd->queries;
    res = sd->res;
    sd->res = NULL;
    return res;
}

/* Every step's query, each result read in the steps' order. With the
 * columns on a second connection, the first goes on with the queries
 * after them and keeps their results until the columns are read. */
static int read_all(reader *r, side **sdp)
{
    PGresult *held[NSTEPS] = { NULL };
    char skip[NSTEPS] = { 0 };
    size_t i, next = 0;
    int rc = 0;
    for (i = 0; i < NSTEPS && rc == 0; i++) {
        if (i == 1 && (rc = probe_steps(r, skip)) < 0)
            break;                     /* after the tables: a failure names their query */
        if (skip[i] || (steps[i].read == read_columns && side_start(r, *sdp) == 0))
            continue;
        rc = fetch(r, steps[i].what, steps[i].sql, &held[i]);
        for (; rc == 0 && next <= i && (held[next] || skip[next]); next++) {
            if (skip[next])
                continue;              /* nothing of its kind: nothing to read */
            rc = steps[next].read(r, held[next]);
            PQclear(held[next]);
            held[next] = NULL;
        }
    }
    for (i = 0; i < NSTEPS; i++)
        if (steps[i].read == read_columns && *sdp && (*sdp)->running)
            held[i] = side_join(sdp);
    for (; rc == 0 && next < NSTEPS; next++) {
        if (skip[next])
            continue;
        if (!held[next])           /* the second connection could not read it */
            rc = fetch(r, steps[next].what, steps[next].sql, &held[next]);
        if (rc == 0)
            rc = steps[next].read(r, held[next]);
        PQclear(held[next]);
        held[next] = NULL;
    }
    for (i = 0; i < NSTEPS; i++)
        PQclear(held[i]);
    return rc;
}

int pg_introspect(tide_dconn *c, const tide_introspect_opts *opts, tide_schema *out, tide_err *err)
{
    reader r;
    side *sd = NULL;
    int rc, own_tx = PQtransactionStatus(c->pg) == PQTRANS_IDLE;
    memset(&r, 0, sizeof r);
    r.c = c;
    r.out = out;
    r.err = err;
    r.all = opts && opts->all_schemas;
    r.schemas = opts && opts->nschemas > 0 ? opts->schemas : default_schemas;
    r.nschemas = opts && opts->nschemas > 0 ? opts->nschemas : 1;
    queries_sent = 0;
    if (array_literal(&r.params[0], r.schemas, r.nschemas) < 0 ||
        array_literal(&r.params[1], opts ? opts->exclude : NULL, opts ? opts->nexclude : 0) < 0) {
        rc = nomem(&r);
        goto done;
    }
    /* one snapshot for every query, so that they agree with each other (a
     * second connection only in a transaction of tide's own: the caller's
     * may hold changes no other connection sees); JIT would spend longer
     * compiling these catalog scans than running them */
    if (own_tx && (rc = begin(&r, &sd)) < 0)
        goto done;
    rc = read_all(&r, &sd);
    if (own_tx && rc == 0) {
        rc = command(&r, "schema (commit)", "COMMIT");
    } else if (own_tx) {
        tide_err ignored;          /* the first failure is the one to report */
        r.err = &ignored;
        command(&r, "schema (rollback)", "ROLLBACK");
    }
done:
    side_free(sd);
    free(r.rels);
    tide_buf_free(&r.params[0]);
    tide_buf_free(&r.params[1]);
    tide_buf_free(&r.tmp);
    tide_buf_free(&r.item);
    return rc;
}
