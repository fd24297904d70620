/* Unit tests of migration:lint's reading of SQL (src/lint_sql.c) and its
 * rules (src/lint_rules.c, drivers/postgres/lint.c): statements split past
 * strings, comments, dollar quotes and trigger bodies; suppression
 * comments; types compared; every rule firing and not firing, on SQLite's
 * and PostgreSQL's rules, with a live schema standing in for the database. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "lint/lint_internal.h"

/* ---- helpers ---- */

static tide_lint_stmts split(const char *sql)
{
    tide_lint_stmts st = { NULL, 0, NULL, 0, 0 };
    tide_err err;
    if (tide_lint__split(sql, &st, &err) < 0)
        fail_msg("split: %s", err.msg);
    return st;
}

/* The live database: item(id integer, name varchar(50), price numeric(8,2),
 * code text, note text null). */
static tide_schema *live_schema(void)
{
    tide_schema *s = tide_schema_new();
    tide_table *t = tide_schema_add_table(s, NULL, "item");
    tide_err err;
    tide_table_add_column(s, t, "id", "integer");
    tide_table_add_pk_column(s, t, "id");
    tide_table_add_column(s, t, "name", "varchar(50)");
    tide_table_add_column(s, t, "price", "numeric(8,2)");
    tide_table_add_column(s, t, "code", "text");
    tide_table_add_column(s, t, "note", "text")->nullable = 1;
    if (tide_schema_finish(s, &err) < 0)
        fail_msg("finish: %s", err.msg);
    return s;
}

/* The rules of findings for sql, as "rule@statement rule@statement". */
static char *lint(const tide_driver *drv, const char *sql, tide_lint_report *r)
{
    static char out[1024];
    tide_schema *live = live_schema();
    tide_err err;
    int i;
    memset(r, 0, sizeof *r);
    if (tide_lint__check_sql(drv, live, "M1", sql, r, &err) < 0)
        fail_msg("lint: %s", err.msg);
    out[0] = 0;
    for (i = 0; i < r->n; i++)
        snprintf(out + strlen(out), sizeof out - strlen(out), "%s%s@%d", i ? " " : "",
                 r->items[i].rule, r->items[i].statement);
    tide_schema_free(live);
    return out;
}

static void expect(const tide_driver *drv, const char *sql, const char *rules)
{
    tide_lint_report r;
    const char *got = lint(drv, sql, &r);
    if (strcmp(got, rules))
        fail_msg("for: %s\n  expected: '%s'\n  got:      '%s'", sql, rules, got);
    tide_lint_report_free(&r);
}

#define PG (&tide_postgres_driver)
#define LITE (&tide_sqlite_driver)

/* ---- reading SQL ---- */

static void splits_past_strings_comments_and_bodies(void **state)
{
    tide_lint_stmts st;
    (void)state;
    st = split("insert into t values ('a;b', \"x;y\"); -- c;d\n"
               "/* e;f */ select $$g;h$$, $tag$i;j$tag$;"
               "create trigger tr after insert on t begin update t set a = 1; delete from u; end;"
               "  ;  ; select 1");
    assert_int_equal(st.n, 4);
    assert_string_equal(st.items[0].sql, "insert into t values ('a;b', \"x;y\")");
    assert_string_equal(st.items[1].toks[1].text, "g;h");
    assert_string_equal(st.items[1].toks[3].text, "i;j");
    assert_true(tide_lint__is(&st.items[2], 1, "trigger"));
    assert_string_equal(st.items[3].sql, "select 1");
    assert_int_equal(st.items[3].index, 4);
    tide_lint__stmts_free(&st);
}

static void quoted_identifiers_are_not_keywords(void **state)
{
    tide_lint_stmts st;
    char name[64];
    int i = 2;
    (void)state;
    st = split("DROP TABLE \"public\".\"Drop\"");
    assert_true(tide_lint__is(&st.items[0], 0, "drop"));
    assert_false(tide_lint__is(&st.items[0], 4, "drop"));
    assert_int_equal(tide_lint__name(&st.items[0], &i, name, sizeof name), 0);
    assert_string_equal(name, "Drop");
    tide_lint__stmts_free(&st);
}

static void ignore_comments_belong_to_the_next_statement(void **state)
{
    tide_lint_stmts st;
    (void)state;
    st = split("select 1;\n-- tide:lint-ignore column-dropped, table-dropped\nselect 2;"
               "select /* tide:lint-ignore all */ 3; select 4");
    assert_int_equal(st.n, 4);
    assert_null(st.items[0].ignore);
    assert_string_equal(st.items[1].ignore, " column-dropped table-dropped ");
    assert_string_equal(st.items[2].ignore, " all ");
    assert_null(st.items[3].ignore);
    tide_lint__stmts_free(&st);
}

static int narrows(const char *a, const char *b)
{
    tide_lint_type x, y;
    tide_lint__type(a, &x);
    tide_lint__type(b, &y);
    return tide_lint__narrows(&x, &y);
}

static void types_compare(void **state)
{
    (void)state;
    assert_true(narrows("varchar(255)", "varchar(100)"));
    assert_false(narrows("varchar(50)", "character varying (100)"));
    assert_true(narrows("text", "varchar(10)"));
    assert_false(narrows("varchar(10)", "text"));
    assert_true(narrows("bigint", "integer"));
    assert_false(narrows("int4", "int8"));
    assert_true(narrows("numeric(10,2)", "numeric(8,2)"));
    assert_true(narrows("numeric(10,2)", "numeric(10,1)"));
    assert_false(narrows("numeric(8,2)", "numeric(10, 2)"));
    assert_true(narrows("numeric", "numeric(10,2)"));
    assert_true(narrows("double precision", "real"));
    assert_true(narrows("text", "integer"));
    assert_true(narrows("numeric(10,2)", "integer"));
    assert_false(narrows("integer", "text"));
    assert_true(narrows("timestamptz", "date"));
    assert_false(narrows("uuid", "jsonb"));         /* not judged */
}

/* ---- generic rules ---- */

static void drops(void **state)
{
    (void)state;
    expect(LITE, "drop table item", "table-dropped@1");
    expect(LITE, "drop table if exists item, other", "table-dropped@1 table-dropped@1");
    expect(LITE, "create table t (a int); drop table t", "");
    expect(LITE, "alter table item drop column note", "column-dropped@1");
    expect(PG, "alter table item drop column if exists note, drop constraint c", "column-dropped@1");
    expect(LITE, "create table t (a int, b int); alter table t drop column b", "");
    expect(LITE, "-- tide:lint-ignore table-dropped\ndrop table item", "");
    expect(LITE, "drop table item -- tide:lint-ignore all\n", "");
    expect(LITE, "-- tide:lint-ignore column-dropped\ndrop table item", "table-dropped@1");
}

static void not_null_without_default(void **state)
{
    tide_lint_report r;
    (void)state;
    expect(LITE, "alter table item add column age integer not null", "not-null-without-default@1");
    expect(PG, "alter table item add age integer not null default 0", "");
    expect(LITE, "alter table item add column age integer", "");
    expect(LITE, "create table t (a int); alter table t add column b int not null", "");
    lint(LITE, "alter table item add column age integer not null", &r);
    assert_int_equal(r.items[0].severity, TIDE_LINT_WARNING);   /* rows unknown here */
    assert_int_equal(r.warnings, 1);
    assert_int_equal(r.errors, 0);
    tide_lint_report_free(&r);
}

static void narrowing_and_renames(void **state)
{
    (void)state;
    expect(LITE, "alter table item rename column code to sku", "column-renamed@1");
    expect(LITE, "alter table item rename to goods", "table-renamed@1");
    expect(LITE, "create table t (a int); alter table t rename to u; alter table u rename a to b", "");
    /* after the rename, the column's type follows it */
    expect(PG, "alter table item rename column name to title; alter table item alter column title type varchar(10)",
           "column-renamed@1 table-rewrite@2 type-narrowed@2");
    expect(PG, "alter table item alter column name type varchar(20)", "table-rewrite@1 type-narrowed@1");
}

/* SQLite's rebuild as tide's emitter writes it is judged by what it does. */
static void sqlite_rebuild(void **state)
{
    (void)state;
    expect(LITE,
           "create table \"item__tide_new\" (id integer primary key, name varchar(50) not null, "
           "price numeric(8,2), code text, note text);"
           "insert into \"item__tide_new\" (id, name, price, code, note) select id, name, price, code, note from item;"
           "drop table item; alter table \"item__tide_new\" rename to item", "");
    expect(LITE,
           "create table \"item__tide_new\" (id integer primary key, name varchar(20) not null, "
           "price numeric(8,2), code text, age integer not null);"
           "insert into \"item__tide_new\" (id, name, price, code) select id, name, price, code from item;"
           "drop table item; alter table \"item__tide_new\" rename to item",
           "type-narrowed@3 column-dropped@3 not-null-without-default@3");
    expect(LITE,
           "create table \"item__tide_new\" (id integer primary key, name varchar(50), price numeric(8,2), "
           "code text);\n-- tide:lint-ignore column-dropped\ndrop table item;"
           "alter table \"item__tide_new\" rename to item", "");
}

/* ---- PostgreSQL's rules ---- */

static void pg_rewrites(void **state)
{
    (void)state;
    expect(PG, "alter table item alter column name type varchar(100)", "");
    expect(PG, "alter table item alter column name set data type text", "");
    expect(PG, "alter table item alter column price type numeric(10,2)", "");
    expect(PG, "alter table item alter column price type numeric", "");
    expect(PG, "alter table item alter column price type numeric(10,3)", "table-rewrite@1");
    expect(PG, "alter table item alter column code type integer using code::integer",
           "table-rewrite@1 type-narrowed@1");
    expect(PG, "alter table other alter column x type bigint", "table-rewrite@1");   /* unknown: may */
    expect(PG, "create table t (a int); alter table t alter column a type bigint", "");
    /* SQLite has no such rules */
    expect(LITE, "create index i on item (name)", "");
}

static void pg_locks(void **state)
{
    (void)state;
    expect(PG, "create index i on item (name)", "index-not-concurrent@1");
    expect(PG, "create unique index if not exists i on only item using btree (name)", "index-not-concurrent@1");
    expect(PG, "create index concurrently i on item (name)", "");
    expect(PG, "create table t (a int); create index i on t (a)", "");
    expect(PG, "alter table item add column token uuid default gen_random_uuid()", "volatile-default@1");
    expect(PG, "alter table item add column n bigserial", "volatile-default@1");
    expect(PG, "alter table item add column at timestamptz default now()", "");
    expect(PG, "alter table item add column serial_no text", "");
    expect(PG, "alter table item add constraint fk foreign key (code) references other (id)",
           "constraint-validated-inline@1");
    expect(PG, "alter table item add constraint fk foreign key (code) references other (id) not valid", "");
    expect(PG, "alter table item add check (price > 0)", "constraint-validated-inline@1");
    expect(PG, "alter table item alter column name set not null", "constraint-validated-inline@1");
    expect(PG, "-- tide:lint-ignore index-not-concurrent\ncreate index i on item (name)", "");
}

static void findings_carry_sql_message_and_fix(void **state)
{
    tide_lint_report r;
    (void)state;
    lint(PG, "select 1;\n  create index i on item (name)  ", &r);
    assert_int_equal(r.n, 1);
    assert_string_equal(r.items[0].migration, "M1");
    assert_int_equal(r.items[0].statement, 2);
    assert_string_equal(r.items[0].sql, "create index i on item (name)");
    assert_string_equal(r.items[0].rule, "index-not-concurrent");
    assert_non_null(strstr(r.items[0].message, "item"));
    assert_non_null(strstr(r.items[0].fix, "CONCURRENTLY"));
    assert_int_equal(r.statements, 2);
    assert_int_equal(r.migrations, 1);
    tide_lint_report_free(&r);
    assert_int_equal(r.n, 0);
}

/* The earlier statements led by two words: only those before the statement
 * being linted, ascending, found again for each pair, none across migrations;
 * the SQL of each statement a slice of the script, quoted runs unquoted. */
static void earlier_statements_led_by_two_words(void **state)
{
    tide_lint_stmts st;
    tide_lint_ctx c;
    const int *led;
    int n;
    (void)state;
    st = split("alter type a add value 'x'; select 1; ALTER TYPE b add value 'it''s';"
               "alter table t add c int; alter type c rename to d; \"alter\" type e");
    assert_string_equal(st.items[2].sql, "ALTER TYPE b add value 'it''s'");
    assert_string_equal(st.items[2].toks[5].text, "it's");
    memset(&c, 0, sizeof c);
    c.stmts = &st;
    tide_lint__new_migration(&c);
    c.at = 0;
    assert_null(tide_lint__earlier_led(&c, "alter", "type", &n));
    assert_int_equal(n, 0);
    c.at = 3;
    led = tide_lint__earlier_led(&c, "alter", "type", &n);
    assert_int_equal(n, 2);
    assert_int_equal(led[0], 0);
    assert_int_equal(led[1], 2);
    led = tide_lint__earlier_led(&c, "alter", "table", &n);
    assert_int_equal(n, 0);
    c.at = 6;
    led = tide_lint__earlier_led(&c, "alter", "type", &n);
    assert_int_equal(n, 3);                    /* not the quoted "alter" */
    assert_int_equal(led[2], 4);
    led = tide_lint__earlier_led(&c, "alter", "table", &n);
    assert_int_equal(n, 1);
    assert_int_equal(led[0], 3);
    tide_lint__new_migration(&c);
    c.at = 2;
    led = tide_lint__earlier_led(&c, "alter", "type", &n);
    assert_int_equal(n, 1);
    assert_int_equal(led[0], 0);
    tide_lint__ctx_free(&c);
    tide_lint__stmts_free(&st);
}

/* A CREATE TABLE is read to its column list's "(" by the split, the rest
 * on demand: the same tokens as a statement read whole (one that is no
 * CREATE TABLE, here "select"), its SQL and its ignore comments the same. */
static void create_table_read_to_its_columns_then_whole(void **state)
{
    tide_lint_stmts st;
    int k;
    (void)state;
    st = split("create temp table \"T\" (a int /* tide:lint-ignore all */, \"b\"\"x\" varchar(10) "
               "default 'it''s; ok' -- c;\n, c numeric(8, 2) check (c > $$;$$)) ;"
               "select temp table \"T\" (a int /* x */, \"b\"\"x\" varchar(10) "
               "default 'it''s; ok' -- c;\n, c numeric(8, 2) check (c > $$;$$));"
               "create table t2 as select (1); create table (trigger) x");
    assert_int_equal(st.n, 4);
    assert_non_null(st.items[0].rest);
    assert_int_equal(st.items[0].ntoks, 5);
    assert_string_equal(st.items[0].ignore, " all ");
    assert_string_equal(st.items[0].sql + strlen(st.items[0].sql) - 7, "$$;$$))");
    assert_null(st.items[1].rest);
    assert_int_equal(tide_lint__complete(&st.items[0]), 0);
    assert_null(st.items[0].rest);
    assert_int_equal(st.items[0].ntoks, st.items[1].ntoks);
    for (k = 1; k < st.items[0].ntoks; k++) {
        assert_int_equal(st.items[0].toks[k].kind, st.items[1].toks[k].kind);
        assert_string_equal(st.items[0].toks[k].text, st.items[1].toks[k].text);
    }
    assert_string_equal(st.items[0].toks[14].text, "it's; ok");
    assert_non_null(st.items[2].rest);                  /* read again from "(" on, still the same */
    assert_null(st.items[3].rest);                      /* "trigger" among the first words */
    tide_lint__stmts_free(&st);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(splits_past_strings_comments_and_bodies),
        cmocka_unit_test(quoted_identifiers_are_not_keywords),
        cmocka_unit_test(ignore_comments_belong_to_the_next_statement),
        cmocka_unit_test(types_compare),
        cmocka_unit_test(drops),
        cmocka_unit_test(not_null_without_default),
        cmocka_unit_test(narrowing_and_renames),
        cmocka_unit_test(sqlite_rebuild),
        cmocka_unit_test(pg_rewrites),
        cmocka_unit_test(pg_locks),
        cmocka_unit_test(findings_carry_sql_message_and_fix),
        cmocka_unit_test(earlier_statements_led_by_two_words),
        cmocka_unit_test(create_table_read_to_its_columns_then_whole),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
