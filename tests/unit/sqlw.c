/* Unit tests of the SQL writer both emitters share (drivers/sqlw.c): which
 * expressions are one term, and how DEFAULT and expression index columns
 * are written with the parentheses SQL needs. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "sqlw.h"


static void terms_and_expressions(void **state)
{
    (void)state;
    assert_true(tide_sql_is_term("'utc'"));
    assert_true(tide_sql_is_term("-1.5"));
    assert_true(tide_sql_is_term("now()"));
    assert_true(tide_sql_is_term("nextval('\"s\".\"t_id_seq\"'::regclass)"));
    assert_true(tide_sql_is_term("'a'::character varying"));
    assert_true(tide_sql_is_term("'{}'::text[]"));
    assert_true(tide_sql_is_term("(now() at time zone 'utc')"));
    assert_true(tide_sql_is_term("current_timestamp"));
    assert_true(tide_sql_is_term("\"Weird\"(1)"));
    assert_false(tide_sql_is_term("now() at time zone 'utc'"));
    assert_false(tide_sql_is_term("now() + '1 day'::interval"));
    assert_false(tide_sql_is_term("case when a > 1 then b end"));
    assert_false(tide_sql_is_term("a + b"));
    assert_false(tide_sql_is_term("(a) + (b)"));
    assert_false(tide_sql_is_term("not false"));
    assert_false(tide_sql_is_term("'unterminated"));
}

static const char *index_sql(const char *expression)
{
    static char out[512];
    tide_index ix;
    tide_sql_list list = { NULL, NULL, 0 };
    tide_sqlw w;
    tide_err err;
    memset(&ix, 0, sizeof ix);
    ix.expression = (char *)expression;
    tide_sqlw_init(&w, &tide_postgres_driver, NULL, &list, &err);
    tide_sqlw_index_body(&w, &ix);
    tide_sqlw_stmt(&w);
    assert_int_equal(tide_sqlw_finish(&w), 0);
    assert_int_equal(list.n, 1);
    snprintf(out, sizeof out, "%s", list.items[0]);
    tide_sql_list_free(&list);
    return out;
}

static void index_elements_are_terms(void **state)
{
    (void)state;
    assert_string_equal(index_sql("lower(email)"), "(lower(email))");
    assert_string_equal(index_sql("case when a > 1 then b end"), "((case when a > 1 then b end))");
    assert_string_equal(index_sql("lower(email) desc, a + b"), "(lower(email) desc, (a + b))");
    assert_string_equal(index_sql("(a + b) desc nulls last"), "((a + b) desc nulls last)");
    assert_string_equal(index_sql("f(a, 'x,y')"), "(f(a, 'x,y'))");
    /* an operator class after a parenthesised expression, as pg_get_indexdef prints it */
    assert_string_equal(index_sql("((doc ->> 'k'::text)) gin_trgm_ops"), "(((doc ->> 'k'::text)) gin_trgm_ops)");
    assert_string_equal(index_sql("((a || b)) text_pattern_ops desc"), "(((a || b)) text_pattern_ops desc)");
    assert_string_equal(index_sql("code text_pattern_ops, (lower(name)) text_pattern_ops"),
                        "(code text_pattern_ops, (lower(name)) text_pattern_ops)");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(terms_and_expressions),
        cmocka_unit_test(index_elements_are_terms),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
