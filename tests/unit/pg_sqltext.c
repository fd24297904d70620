/* pg_sqltext.c — unit tests of the PostgreSQL driver's SQL scanner: which
 * `?` are placeholders and which `;` end a statement, across strings,
 * E-strings, dollar quotes, quoted identifiers and (nested) comments.
 * No server needed. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "../../drivers/postgres/sqltext.h"

/* Rewrites sql and checks the text and the placeholder count. */
static void check_rewrite(const char *sql, const char *want, int want_count)
{
    tide_buf out = TIDE_BUF_INIT;
    tide_err err;
    int count = -1;
    tide_err_clear(&err);
    assert_int_equal(tide_pg__rewrite_placeholders(sql, &out, &count, &err), 0);
    assert_string_equal(out.data ? out.data : "", want);
    assert_int_equal(count, want_count);
    tide_buf_free(&out);
}

static void test_plain(void **state)
{
    (void)state;
    check_rewrite("select ?, ?", "select $1, $2", 2);
    check_rewrite("insert into t(a,b) values(?,?)", "insert into t(a,b) values($1,$2)", 2);
    check_rewrite("select 1", "select 1", 0);
    check_rewrite("", "", 0);
    check_rewrite("?", "$1", 1);
    check_rewrite("select ?,?,?,?,?,?,?,?,?,?,?,?",
                  "select $1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12", 12);
}

static void test_strings(void **state)
{
    (void)state;
    check_rewrite("select '?', ?", "select '?', $1", 1);
    check_rewrite("select 'it''s ?', ?", "select 'it''s ?', $1", 1);
    check_rewrite("select '', ?, ''''", "select '', $1, ''''", 1);
    /* a standard string: the backslash is a character, the quote closes */
    check_rewrite("select 'a\\', ?", "select 'a\\', $1", 1);
    /* U&, B, X and N strings quote like standard ones */
    check_rewrite("select U&'d\\0061t?', ?", "select U&'d\\0061t?', $1", 1);
    check_rewrite("select x'1F', ?", "select x'1F', $1", 1);
}

static void test_escape_strings(void **state)
{
    (void)state;
    check_rewrite("select E'\\' ?', ?", "select E'\\' ?', $1", 1);
    check_rewrite("select e'a\\\\', ?", "select e'a\\\\', $1", 1);
    check_rewrite("select E'it''s ?', ?", "select E'it''s ?', $1", 1);
    /* an E ending a word does not start an escape string: `somee` then 'x' */
    check_rewrite("select somee'\\', ?", "select somee'\\', $1", 1);
}

static void test_dollar_quotes(void **state)
{
    (void)state;
    check_rewrite("select $$ ? ' $$, ?", "select $$ ? ' $$, $1", 1);
    check_rewrite("select $tag$ $$ ? $ $tag$, ?", "select $tag$ $$ ? $ $tag$, $1", 1);
    check_rewrite("select $a_1$ ?$a$? $a_1$, ?", "select $a_1$ ?$a$? $a_1$, $1", 1);
    /* $1 is a parameter and a$b an identifier: no quote opens */
    check_rewrite("select $1, a$b, ?", "select $1, a$b, $1", 1);
    check_rewrite("select a$$ ?", "select a$$ $1", 1);
    /* unterminated: copied through for the server to report */
    check_rewrite("select $x$ ? ", "select $x$ ? ", 0);
}

static void test_identifiers(void **state)
{
    (void)state;
    check_rewrite("select \"a?\"\"b?\" from t where x = ?",
                  "select \"a?\"\"b?\" from t where x = $1", 1);
    check_rewrite("select U&\"?\" , ?", "select U&\"?\" , $1", 1);
}

static void test_comments(void **state)
{
    (void)state;
    check_rewrite("select ? -- what ?\n, ?", "select $1 -- what ?\n, $2", 2);
    check_rewrite("select /* ? /* ? */ ? */ ?", "select /* ? /* ? */ ? */ $1", 1);
    check_rewrite("select ? -- ?", "select $1 -- ?", 1);
    check_rewrite("select 1 /* ? unterminated", "select 1 /* ? unterminated", 0);
    check_rewrite("select '--', ?", "select '--', $1", 1);
}

static void test_operators(void **state)
{
    (void)state;
    check_rewrite("select j ?? 'a', ?", "select j ? 'a', $1", 1);
    check_rewrite("select j ?| array['a'], j ?& array['b'], ?",
                  "select j ?| array['a'], j ?& array['b'], $1", 1);
    check_rewrite("select ?||'x'", "select $1||'x'", 1);
    check_rewrite("select ?&&array[1]", "select $1&&array[1]", 1);
    check_rewrite("select ???", "select ?$1", 1);
    check_rewrite("select ? ?| ?", "select $1 ?| $2", 2);
    check_rewrite("select '?' ?? '?'", "select '?' ? '?'", 0);
}

/* Collects the statements of sql, joined by " | ". */
static void check_split(const char *sql, const char *want, int want_count)
{
    tide_buf all = TIDE_BUF_INIT;
    const char *pos = sql, *start;
    size_t len;
    int n = 0;
    while (tide_pg__next_statement(&pos, &start, &len)) {
        if (n++)
            assert_int_equal(tide_buf_puts(&all, " | "), 0);
        assert_int_equal(tide_buf_add(&all, start, len), 0);
    }
    assert_string_equal(all.data ? all.data : "", want);
    assert_int_equal(n, want_count);
    assert_int_equal(*pos, '\0');
    tide_buf_free(&all);
}

static void test_split_basic(void **state)
{
    (void)state;
    check_split("create table a(x int); insert into a values (1);\n",
                "create table a(x int) | insert into a values (1)", 2);
    check_split("select 1", "select 1", 1);
    check_split("  select 1  ;  select 2  ", "select 1 | select 2", 2);
    check_split("begin; select 1; end;", "begin | select 1 | end", 3);
}

static void test_split_empty(void **state)
{
    (void)state;
    check_split("", "", 0);
    check_split(" ;; \n ; ", "", 0);
    check_split("-- only a comment\n", "", 0);
    check_split("/* a /* nested */ comment */ ; -- and ; another\n;", "", 0);
    check_split("select 1;;\n-- comment ; here\n;\n/* x; */ select 2; ;",
                "select 1 | select 2", 2);
    check_split("-- leading comment\nselect 1; /* c */ select 2 -- trailing\n",
                "select 1 | select 2 -- trailing", 2);
}

static void test_split_quotes(void **state)
{
    (void)state;
    check_split("insert into t values ('a;b', E'c\\';d', \"e;f\"); select 2",
                "insert into t values ('a;b', E'c\\';d', \"e;f\") | select 2", 2);
    check_split("select 1 -- x; y\n; select 2", "select 1 -- x; y | select 2", 2);
    check_split("select 'unterminated; select 2", "select 'unterminated; select 2", 1);
}

static void test_split_function_bodies(void **state)
{
    static const char script[] =
        "create function f() returns int language plpgsql as $$\n"
        "begin\n  perform 1; return 1;\nend;\n$$;\n"
        "create function g() returns text as $body$ select 'x;'; $body$ language sql;\n"
        "select f();";
    (void)state;
    check_split(script,
                "create function f() returns int language plpgsql as $$\n"
                "begin\n  perform 1; return 1;\nend;\n$$ | "
                "create function g() returns text as $body$ select 'x;'; $body$ language sql | "
                "select f()", 3);
}

static void test_split_begin_atomic(void **state)
{
    (void)state;
    check_split("create or replace function h() returns int language sql\n"
                "begin atomic\n  select case when true then 1 else 2 end;\n  select 3;\nend;\n"
                "select h()",
                "create or replace function h() returns int language sql\n"
                "begin atomic\n  select case when true then 1 else 2 end;\n  select 3;\nend | "
                "select h()", 2);
    check_split("CREATE PROCEDURE p() BEGIN ATOMIC INSERT INTO t VALUES (1); END; CALL p()",
                "CREATE PROCEDURE p() BEGIN ATOMIC INSERT INTO t VALUES (1); END | CALL p()", 2);
    /* a rule's action list is in parentheses */
    check_split("create rule r as on insert to t do also (insert into u values (1); "
                "insert into u values (2)); select 1",
                "create rule r as on insert to t do also (insert into u values (1); "
                "insert into u values (2)) | select 1", 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plain),
        cmocka_unit_test(test_strings),
        cmocka_unit_test(test_escape_strings),
        cmocka_unit_test(test_dollar_quotes),
        cmocka_unit_test(test_identifiers),
        cmocka_unit_test(test_comments),
        cmocka_unit_test(test_operators),
        cmocka_unit_test(test_split_basic),
        cmocka_unit_test(test_split_empty),
        cmocka_unit_test(test_split_quotes),
        cmocka_unit_test(test_split_function_bodies),
        cmocka_unit_test(test_split_begin_atomic),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
