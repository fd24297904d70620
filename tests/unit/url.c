/* Unit tests of URL parsing and masking (src/url.c). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "db/url.h"

static void parses_sqlite_paths(void **state)
{
    tide_url u;
    tide_err err;
    (void)state;
    assert_int_equal(tide_url_parse(&u, "sqlite:app.db", &err), 0);
    assert_string_equal(u.scheme, "sqlite");
    assert_string_equal(u.path, "app.db");
    tide_url_free(&u);
    assert_int_equal(tide_url_parse(&u, "sqlite::memory:", &err), 0);
    assert_string_equal(u.path, ":memory:");
    tide_url_free(&u);
    assert_int_equal(tide_url_parse(&u, "sqlite:///var/app.db", &err), 0);
    assert_string_equal(u.path, "/var/app.db");
    tide_url_free(&u);
    assert_int_equal(tide_url_parse(&u, "sqlite:", &err), TIDE_EURL);
    assert_non_null(strstr(err.msg, "no database path"));
}

static void parses_postgres_parts(void **state)
{
    tide_url u;
    tide_err err;
    (void)state;
    assert_int_equal(tide_url_parse(&u, "postgresql://al%40x:p%3Aw@db.local:6543/app%20db?sslmode=require&application_name=t", &err), 0);
    assert_string_equal(u.scheme, "postgres");
    assert_string_equal(u.user, "al@x");
    assert_string_equal(u.password, "p:w");
    assert_string_equal(u.host, "db.local");
    assert_string_equal(u.port, "6543");
    assert_string_equal(u.dbname, "app db");
    assert_int_equal(u.nopts, 2);
    assert_string_equal(tide_url_opt_get(&u, "sslmode"), "require");
    assert_null(tide_url_opt_get(&u, "nope"));
    assert_string_equal(u.masked, "postgresql://al%40x:***@db.local:6543/app%20db?sslmode=require&application_name=t");
    tide_url_free(&u);

    assert_int_equal(tide_url_parse(&u, "postgres://%2Ftmp%2Fpg/app", &err), 0);
    assert_string_equal(u.host, "/tmp/pg");
    assert_null(u.user);
    assert_null(u.port);
    tide_url_free(&u);

    assert_int_equal(tide_url_parse(&u, "postgres://u@[::1]:5432/x", &err), 0);
    assert_string_equal(u.host, "::1");
    assert_string_equal(u.port, "5432");
    tide_url_free(&u);

    assert_int_equal(tide_url_parse(&u, "postgres:///app?host=/run/pg", &err), 0);
    assert_null(u.host);
    assert_string_equal(u.dbname, "app");
    assert_string_equal(tide_url_opt_get(&u, "host"), "/run/pg");
    tide_url_free(&u);
}

static void rejects_bad_urls_without_leaking_the_password(void **state)
{
    static const char *bad[] = {
        "postgres://u:hunter2@h:notaport/db",
        "postgres://u:hunter2@h:99999/db",
        "postgres://u:hunter2@h/db?sslmode",
        "postgres://u:hunter2@h/d%zzb",
        "postgres://u:hunter2@h/db#frag",
        "postgres://u:hun/ter2@h/db",          /* '/', '?', '#' should have been %-encoded */
        "postgres://u:12/hunter2@h/db",
        "postgres://u:hun?ter2@h/db",
        "postgres://u:hun#ter2@h/db",
        "mysql://u:hunter2@h/db",
        "nocolon",
        "",
    };
    size_t i;
    (void)state;
    for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        tide_url u;
        tide_err err;
        tide_err_clear(&err);
        assert_true(tide_url_parse(&u, bad[i], &err) < 0);
        assert_true(err.code == TIDE_EURL);
        assert_null(strstr(err.msg, "hunter2"));
        assert_null(strstr(err.msg, "ter2"));
        assert_null(u.scheme);
    }
}

static void names_the_problem(void **state)
{
    tide_url u;
    tide_err err;
    (void)state;
    tide_url_parse(&u, "mysql://u:pw@h/db", &err);
    assert_non_null(strstr(err.msg, "unknown database scheme 'mysql'"));
    assert_non_null(strstr(err.msg, "u:***@h"));
    tide_url_parse(&u, "postgres://h:12x/db", &err);
    assert_non_null(strstr(err.msg, "port '12x' is not a number"));
    tide_url_parse(&u, "app.db", &err);
    assert_non_null(strstr(err.msg, "no scheme"));
}

static void masks_every_shape(void **state)
{
    static const char *cases[][2] = {
        {"postgres://u:secret@h/db", "postgres://u:***@h/db"},
        {"postgres://u:se@cret@h/db", "postgres://u:***@h/db"},
        {"postgres://u@h/db", "postgres://u@h/db"},
        {"postgres://h:5432/db", "postgres://h:5432/db"},
        {"sqlite:a:b@c.db", "sqlite:a:b@c.db"},
        {"postgres://u@h/db?sslmode=require&password=se%26cret&x=1",
         "postgres://u@h/db?sslmode=require&password=***&x=1"},
        {"postgres://u:p@h/db?PASS%57ORD=secret", "postgres://u:***@h/db?PASS%57ORD=***"},
        {"postgres://u:se/c?r#et@h/db", "postgres://u:***@h/db"},
        {"garbage", "garbage"},
    };
    size_t i;
    (void)state;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *m = tide_url_mask(cases[i][0]);
        assert_string_equal(m, cases[i][1]);
        free(m);
    }
}

static void scrubs_urls_in_messages(void **state)
{
    char msg[64];
    (void)state;
    snprintf(msg, sizeof msg, "tide.lua:1: '}' expected near '\"postgres://u:hunter2@h/db\"'");
    tide_url__scrub(msg, sizeof msg);
    assert_string_equal(msg, "tide.lua:1: '}' expected near '\"postgres://u:***@h/db\"'");
    snprintf(msg, sizeof msg, "a postgres://h/db?password=hunter2 b");
    tide_url__scrub(msg, sizeof msg);
    assert_string_equal(msg, "a postgres://h/db?password=*** b");
    snprintf(msg, sizeof msg, "no url here: sqlite:app.db");
    tide_url__scrub(msg, sizeof msg);
    assert_string_equal(msg, "no url here: sqlite:app.db");
    snprintf(msg, 12, "x://u:p@h");                /* room for the mask, just */
    tide_url__scrub(msg, 12);
    assert_string_equal(msg, "x://u:***@h");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(parses_sqlite_paths),
        cmocka_unit_test(parses_postgres_parts),
        cmocka_unit_test(rejects_bad_urls_without_leaking_the_password),
        cmocka_unit_test(names_the_problem),
        cmocka_unit_test(masks_every_shape),
        cmocka_unit_test(scrubs_urls_in_messages),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
