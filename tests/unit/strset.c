/* Unit tests of the string set (src/core/strset.c): exact and case-blind
 * keys, growth past many keys, lookups in an empty set. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <cmocka.h>

#include "core/strset.h"

static void keeps_keys_exactly(void **state)
{
    tide_strset s = TIDE_STRSET_INIT(0);
    (void)state;
    assert_false(tide_strset_has(&s, "users"));            /* empty: no table yet */
    assert_int_equal(tide_strset_add(&s, "users"), 1);
    assert_int_equal(tide_strset_add(&s, "users"), 0);
    assert_int_equal(tide_strset_add(&s, "Users"), 1);     /* another key when case counts */
    assert_true(tide_strset_has(&s, "users"));
    assert_true(tide_strset_has(&s, "Users"));
    assert_false(tide_strset_has(&s, "USERS"));
    assert_false(tide_strset_has(&s, "user"));
    assert_int_equal((int)s.n, 2);
    tide_strset_free(&s);
    assert_false(tide_strset_has(&s, "users"));
}

static void folds_ascii_case_when_asked(void **state)
{
    tide_strset s = TIDE_STRSET_INIT(1);
    (void)state;
    assert_int_equal(tide_strset_add(&s, "main.Users"), 1);
    assert_int_equal(tide_strset_add(&s, "MAIN.users"), 0);
    assert_true(tide_strset_has(&s, "main.USERS"));
    assert_false(tide_strset_has(&s, "main.Users2"));
    tide_strset_free(&s);
}

static void holds_many_keys(void **state)
{
    tide_strset s = TIDE_STRSET_INIT(1);
    char k[32];
    int i;
    (void)state;
    for (i = 0; i < 20000; i++) {
        snprintf(k, sizeof k, "T%05d", i);
        assert_int_equal(tide_strset_add(&s, k), 1);
    }
    assert_int_equal((int)s.n, 20000);
    for (i = 0; i < 20000; i++) {
        snprintf(k, sizeof k, "t%05d", i);
        assert_true(tide_strset_has(&s, k));
    }
    assert_false(tide_strset_has(&s, "t20000"));
    tide_strset_free(&s);
}

static void maps_keys_to_ints(void **state)
{
    tide_strset s = TIDE_STRSET_INIT(0);
    char k[32];
    int i, v = -1;
    (void)state;
    assert_false(tide_strset_get(&s, "a", &v));
    assert_int_equal(v, -1);
    for (i = 0; i < 1000; i++) {
        snprintf(k, sizeof k, "table%d", i);
        assert_int_equal(tide_strset_put(&s, k, i), 1);
    }
    assert_int_equal(tide_strset_put(&s, "table7", 70), 0);     /* updated, not added */
    for (i = 0; i < 1000; i++) {
        snprintf(k, sizeof k, "table%d", i);
        assert_true(tide_strset_get(&s, k, &v));
        assert_int_equal(v, i == 7 ? 70 : i);
    }
    assert_int_equal(tide_strset_add(&s, "table8"), 0);         /* add keeps the int */
    assert_true(tide_strset_get(&s, "table8", &v));
    assert_int_equal(v, 8);
    tide_strset_free(&s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(keeps_keys_exactly),
        cmocka_unit_test(folds_ascii_case_when_asked),
        cmocka_unit_test(holds_many_keys),
        cmocka_unit_test(maps_keys_to_ints),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
