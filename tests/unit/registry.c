/* registry.c — unit tests of the driver registry (drivers/registry.c) and
 * what each driver says about itself (driver.h, version 7): capabilities,
 * URL schemes, the whole-database operations and catalog queries the core
 * asks for instead of comparing dialect names. SQLite files live in a
 * mkdtemp folder, removed at the end; PostgreSQL is not contacted. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db/driver.h"

static char tmpdir[] = "/tmp/tide-registry-test-XXXXXX";

static const char *in_tmp(const char *name)
{
    static char path[4096];
    snprintf(path, sizeof path, "%s/%s", tmpdir, name);
    return path;
}

static int exists(const char *path) { return access(path, F_OK) == 0; }

static void touch(const char *path)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fclose(f);
}

/* ---- what every driver declares ------------------------------------------ */

static void every_driver_declares_itself(void **state)
{
    int i, n = 0;
    (void)state;
    for (i = 0; tide_drivers[i]; i++, n++) {
        const tide_driver *d = tide_drivers[i];
        assert_int_equal(d->version, TIDE_DRIVER_VERSION);
        assert_non_null(d->name);
        assert_non_null(d->schemes);
        assert_string_equal(d->schemes[0], d->name);          /* the name is a scheme */
        assert_true(d->url_form == TIDE_URL_PATH || d->url_form == TIDE_URL_SERVER);
        assert_ptr_equal(tide_driver_for_scheme(d->name, strlen(d->name)), d);
        assert_non_null(d->create_database);
        assert_non_null(d->drop_database);
        assert_non_null(d->scratch_database);
        assert_non_null(d->columns_sql);
        assert_true(tide_driver_can(d, TIDE_CAP_SAVEPOINTS));
        assert_true(d->transactional_ddl);
    }
    assert_int_equal(n, 2);
    assert_ptr_equal(tide_drivers[0], &tide_sqlite_driver);  /* the order URL messages list */
    assert_ptr_equal(tide_drivers[1], &tide_postgres_driver);
}

/* What the core used to guess from the names, now said by the drivers. */
static void capabilities_match_the_databases(void **state)
{
    const tide_driver *lite = &tide_sqlite_driver, *pg = &tide_postgres_driver;
    tide_driver old = tide_postgres_driver;
    (void)state;
    assert_false(tide_driver_can(lite, TIDE_CAP_COMMENTS));
    assert_false(tide_driver_can(lite, TIDE_CAP_ENUM_TYPES));
    assert_false(tide_driver_can(lite, TIDE_CAP_NAMESPACES));
    assert_true(tide_driver_can(lite, TIDE_CAP_VIRTUAL_TABLES));
    assert_true(tide_driver_can(lite, TIDE_CAP_DEFERRABLE));
    assert_non_null(lite->triggers_sql);                      /* its emitter rebuilds tables */
    assert_non_null(strstr(lite->triggers_sql, "?"));
    assert_true(tide_driver_can(pg, TIDE_CAP_COMMENTS));
    assert_true(tide_driver_can(pg, TIDE_CAP_ENUM_TYPES));
    assert_true(tide_driver_can(pg, TIDE_CAP_NAMESPACES));
    assert_true(tide_driver_can(pg, TIDE_CAP_DEFERRABLE));
    assert_false(tide_driver_can(pg, TIDE_CAP_VIRTUAL_TABLES));
    assert_null(pg->triggers_sql);                            /* it alters in place */
    old.version = 6;                                          /* built before caps: none */
    assert_false(tide_driver_can(&old, TIDE_CAP_COMMENTS));
}

/* ---- finding a driver by URL --------------------------------------------- */

static void registry_resolves_schemes(void **state)
{
    tide_url u;
    tide_err err;
    (void)state;
    assert_ptr_equal(tide_driver_for_url("sqlite:app.db"), &tide_sqlite_driver);
    assert_ptr_equal(tide_driver_for_url("sqlite::memory:"), &tide_sqlite_driver);
    assert_ptr_equal(tide_driver_for_url("sqlite:///var/app.db"), &tide_sqlite_driver);
    assert_ptr_equal(tide_driver_for_url("postgres://u@h/app"), &tide_postgres_driver);
    assert_ptr_equal(tide_driver_for_url("postgresql://u@h/app"), &tide_postgres_driver);
    assert_null(tide_driver_for_url("mysql://u@h/app"));
    assert_null(tide_driver_for_url("app.db"));
    assert_null(tide_driver_for_url(NULL));
    assert_null(tide_driver_for_scheme("postgresq", 9));
    assert_null(tide_driver_for_scheme("sqlite3", 7));
    assert_ptr_equal(tide_driver_for_scheme("postgresql://x", 10), &tide_postgres_driver);

    assert_int_equal(tide_url_parse(&u, "postgresql://h/app", &err), 0);
    assert_string_equal(u.scheme, "postgres");                /* an alias folds into the name */
    tide_url_free(&u);
}

static void unknown_scheme_is_refused_clearly(void **state)
{
    tide_url u;
    tide_err err;
    tide_conn *conn = NULL;
    (void)state;
    assert_int_equal(tide_url_parse(&u, "mysql://root:hunter2@db/app", &err), TIDE_EURL);
    assert_string_equal(err.msg, "unknown database scheme 'mysql' in 'mysql://root:***@db/app' "
                                 "(tide speaks sqlite: and postgres://)");
    assert_int_equal(tide_url_parse(&u, "app.db", &err), TIDE_EURL);
    assert_string_equal(err.msg, "bad URL 'app.db': no scheme (expected sqlite:PATH or "
                                 "postgres://user:password@host:port/dbname)");
    assert_int_equal(tide_url_parse(&u, "postgres:app", &err), TIDE_EURL);
    assert_string_equal(err.msg, "bad URL 'postgres:app': expected postgres://user:password@host:port/dbname");
    assert_int_equal(tide_url_parse(&u, "sqlite:", &err), TIDE_EURL);
    assert_string_equal(err.msg, "bad URL 'sqlite:': no database path (write sqlite:PATH, e.g. "
                                 "sqlite:app.db, or sqlite::memory:)");
    assert_int_equal(tide_conn_open(&conn, "oracle://h/db", &err), TIDE_EURL);
    assert_null(conn);
    assert_non_null(strstr(err.msg, "unknown database scheme 'oracle'"));
    assert_int_equal(tide_create_database("oracle://h/db", &err), TIDE_EURL);
    assert_int_equal(tide_drop_database("oracle://h/db", &err), TIDE_EURL);
}

/* ---- the one URL rewrite --------------------------------------------------- */

static void url_with_another_database(void **state)
{
    static const struct { const char *url, *db, *want; } cases[] = {
        { "postgres://u:p%40w@h:5433/app?sslmode=disable&x=1", "postgres",
          "postgres://u:p%40w@h:5433/postgres?sslmode=disable&x=1" },
        { "postgresql://h/app", "tide_test_1_000002", "postgresql://h/tide_test_1_000002" },
        { "postgres://h", "x", "postgres://h/x" },
        { "postgres://h?host=/tmp", "x", "postgres://h/x?host=/tmp" },
        { "postgres://%2Ftmp/app/extra", "x", "postgres://%2Ftmp/x" },
        { "postgres://h/app", "a b/c?", "postgres://h/a%20b%2Fc%3F" },
    };
    size_t i;
    (void)state;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        tide_buf b = TIDE_BUF_INIT;
        assert_int_equal(tide_url_with_dbname(&b, cases[i].url, cases[i].db), 0);
        assert_string_equal(b.data, cases[i].want);
        tide_buf_free(&b);
    }
    {
        tide_buf b = TIDE_BUF_INIT;
        assert_int_equal(tide_url_with_dbname(&b, "sqlite:app.db", "x"), TIDE_EURL);
        tide_buf_free(&b);
    }
}

/* ---- whole databases (SQLite: files) --------------------------------------- */

static void sqlite_creates_and_drops_files(void **state)
{
    static const char *const sidecars[] = { "-journal", "-wal", "-shm", ".tide-lock" };
    char url[4200], side[4200];
    tide_err err;
    size_t i;
    (void)state;
    snprintf(url, sizeof url, "sqlite:%s", in_tmp("made.db"));
    assert_int_equal(tide_create_database(url, &err), 1);
    assert_true(exists(in_tmp("made.db")));
    assert_int_equal(tide_create_database(url, &err), 0);     /* there already */
    for (i = 0; i < sizeof sidecars / sizeof sidecars[0]; i++) {
        snprintf(side, sizeof side, "%s%s", in_tmp("made.db"), sidecars[i]);
        touch(side);
    }
    assert_int_equal(tide_drop_database(url, &err), 0);
    assert_false(exists(in_tmp("made.db")));
    for (i = 0; i < sizeof sidecars / sizeof sidecars[0]; i++) {
        snprintf(side, sizeof side, "%s%s", in_tmp("made.db"), sidecars[i]);
        assert_false(exists(side));
    }
    assert_int_equal(tide_drop_database(url, &err), 0);       /* none: nothing to do */
    assert_int_equal(tide_create_database("sqlite::memory:", &err), 0);
    assert_int_equal(tide_drop_database("sqlite::memory:", &err), 0);
}

static void sqlite_scratch_is_a_temporary_file(void **state)
{
    const tide_driver *d = &tide_sqlite_driver;
    tide_buf url = TIDE_BUF_INIT;
    tide_err err;
    char *old = getenv("TMPDIR") ? strdup(getenv("TMPDIR")) : NULL;
    (void)state;
    setenv("TMPDIR", tmpdir, 1);
    assert_int_equal(d->scratch_database("sqlite:whatever.db", &url, &err), 0);
    assert_non_null(strstr(url.data, tmpdir));
    assert_ptr_equal(tide_driver_for_url(url.data), d);
    assert_true(exists(url.data + strlen("sqlite:")));
    assert_int_equal(tide_drop_database(url.data, &err), 0);
    assert_false(exists(url.data + strlen("sqlite:")));
    setenv("TMPDIR", in_tmp("no/such/dir"), 1);
    tide_buf_reset(&url);
    assert_int_equal(d->scratch_database("sqlite:whatever.db", &url, &err), TIDE_EIO);
    assert_non_null(strstr(err.msg, "cannot create a scratch database in"));
    if (old) setenv("TMPDIR", old, 1); else unsetenv("TMPDIR");
    free(old);
    tide_buf_free(&url);
}

/* ---- a table's columns ------------------------------------------------------ */

static void columns_query_per_driver(void **state)
{
    tide_buf sql = TIDE_BUF_INIT;
    tide_value p[2];
    int n = -1;
    (void)state;
    memset(p, 0, sizeof p);
    assert_int_equal(tide_postgres_driver.columns_sql(NULL, "item", &sql, p, &n), 0);
    assert_int_equal(n, 2);
    assert_int_equal(p[0].type, TIDE_V_NULL);                 /* the current schema */
    assert_int_equal(p[1].type, TIDE_V_TEXT);
    assert_string_equal(p[1].u.s.p, "item");
    assert_non_null(strstr(sql.data, "information_schema.columns"));
    tide_buf_reset(&sql);
    assert_int_equal(tide_sqlite_driver.columns_sql("aux", "item", &sql, p, &n), 0);
    assert_int_equal(n, 2);                                   /* the schema is an argument */
    assert_string_equal(sql.data, "select name from pragma_table_info(?, ?)");
    assert_string_equal(p[1].u.s.p, "aux");
    tide_buf_free(&sql);
}

static void conn_lists_columns(void **state)
{
    tide_conn *c = NULL;
    tide_cursor *cur = NULL;
    tide_row row;
    tide_err err;
    char names[256] = "";
    (void)state;
    assert_int_equal(tide_conn_open(&c, "sqlite::memory:", &err), 0);
    assert_int_equal(tide_conn_exec(c, "create table t (id integer primary key, b text, a real)",
                                    NULL, 0, NULL, &err), 0);
    assert_int_equal(tide_conn_columns(c, NULL, "t", &cur, &err), 0);
    while (tide_cursor_next(cur, &row, &err) > 0) {
        assert_string_equal(row.names[0], "name");
        strncat(names, row.vals[0].u.s.p, row.vals[0].u.s.len);
        strcat(names, ",");
    }
    tide_cursor_close(cur);
    assert_string_equal(names, "id,b,a,");
    assert_int_equal(tide_conn_columns(c, "main", "missing", &cur, &err), 0);
    assert_int_equal(tide_cursor_next(cur, &row, &err), 0);
    tide_cursor_close(cur);
    assert_int_equal(tide_conn_exec(c, "attach ':memory:' as aux", NULL, 0, NULL, &err), 0);
    assert_int_equal(tide_conn_exec(c, "create table aux.t (z integer)", NULL, 0, NULL, &err), 0);
    assert_int_equal(tide_conn_columns(c, "aux", "t", &cur, &err), 0);
    assert_int_equal(tide_cursor_next(cur, &row, &err), 1);   /* aux's t, not main's */
    assert_int_equal(row.vals[0].u.s.len, 1);
    assert_memory_equal(row.vals[0].u.s.p, "z", 1);
    assert_int_equal(tide_cursor_next(cur, &row, &err), 0);
    tide_cursor_close(cur);
    assert_int_equal(tide_conn_columns(c, NULL, NULL, &cur, &err), TIDE_EINVAL);
    tide_conn_close(c);
}

static int rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st; (void)flag; (void)ftw;
    return remove(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_driver_declares_itself),
        cmocka_unit_test(capabilities_match_the_databases),
        cmocka_unit_test(registry_resolves_schemes),
        cmocka_unit_test(unknown_scheme_is_refused_clearly),
        cmocka_unit_test(url_with_another_database),
        cmocka_unit_test(sqlite_creates_and_drops_files),
        cmocka_unit_test(sqlite_scratch_is_a_temporary_file),
        cmocka_unit_test(columns_query_per_driver),
        cmocka_unit_test(conn_lists_columns),
    };
    int rc;
    if (!mkdtemp(tmpdir))
        return 1;
    rc = cmocka_run_group_tests(tests, NULL, NULL);
    nftw(tmpdir, rm_one, 8, FTW_DEPTH | FTW_PHYS);
    return rc;
}
