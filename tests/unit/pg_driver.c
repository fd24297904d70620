/* pg_driver.c — the PostgreSQL driver against a live server named by
 * TIDE_TEST_PG_URL (e.g. postgres://tide:pw@127.0.0.1:54329/postgres, a role
 * with a password and password authentication on 127.0.0.1). Without that
 * variable the program says so and exits 77, CTest's "skipped". */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L   /* sockets, clock_gettime, nanosleep */
#endif

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <math.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "db/driver.h"
#include "model/diff.h"
#include "postgres/pg_internal.h"

static const tide_driver *const drv = &tide_postgres_driver;
static const char *pg_url;

/* ---- helpers ------------------------------------------------------------ */

static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static tide_value v_null(void) { tide_value v; memset(&v, 0, sizeof v); return v; }
static tide_value v_bool(int b) { tide_value v = v_null(); v.type = TIDE_V_BOOL; v.u.b = b; return v; }
static tide_value v_int(int64_t i) { tide_value v = v_null(); v.type = TIDE_V_INT; v.u.i = i; return v; }
static tide_value v_float(double f) { tide_value v = v_null(); v.type = TIDE_V_FLOAT; v.u.f = f; return v; }
static tide_value v_bytes(tide_vtype t, const char *p, size_t n)
{
    tide_value v = v_null();
    v.type = t;
    v.u.s.p = p;
    v.u.s.len = n;
    return v;
}
static tide_value v_text(const char *s) { return v_bytes(TIDE_V_TEXT, s, strlen(s)); }

/* Parses url, overrides the parts given (NULL keeps one) and connects. */
static int open_with(const char *url, const char *host, const char *port, const char *password,
                     tide_dconn **c, tide_err *err)
{
    tide_url u;
    int rc;
    *c = NULL;
    if ((rc = tide_url_parse(&u, url, err)) < 0)
        return rc;
    if (host) { free(u.host); u.host = tide_strdup(host); }
    if (port) { free(u.port); u.port = tide_strdup(port); }
    if (password) { free(u.password); u.password = tide_strdup(password); }
    rc = drv->connect(&u, c, err);
    tide_url_free(&u);
    return rc;
}

static tide_dconn *open_ok(void)
{
    tide_dconn *c = NULL;
    tide_err err;
    tide_err_clear(&err);
    if (open_with(pg_url, NULL, NULL, NULL, &c, &err) < 0)
        fail_msg("cannot connect: %s", err.msg);
    return c;
}

static int setup(void **state)
{
    *state = open_ok();
    return 0;
}

static int teardown(void **state)
{
    drv->close(*state);
    return 0;
}

/* Runs a statement to its end. */
static int exec(tide_dconn *c, const char *sql, const tide_value *p, int n, tide_err *err)
{
    tide_dcursor *cur = NULL;
    tide_row row;
    int rc;
    if ((rc = drv->query(c, sql, p, n, &cur, err)) < 0)
        return rc;
    while ((rc = drv->step(cur, &row, err)) > 0)
        ;
    drv->finish(cur);
    return rc;
}

static void exec_ok(tide_dconn *c, const char *sql)
{
    tide_err err;
    tide_err_clear(&err);
    if (exec(c, sql, NULL, 0, &err) < 0)
        fail_msg("%s: %s", sql, err.msg);
}

/* A cursor standing on the first row of sql. */
static tide_dcursor *first_row(tide_dconn *c, const char *sql, const tide_value *p, int n,
                               tide_row *row)
{
    tide_dcursor *cur = NULL;
    tide_err err;
    tide_err_clear(&err);
    if (drv->query(c, sql, p, n, &cur, &err) < 0)
        fail_msg("%s: %s", sql, err.msg);
    assert_int_equal(drv->step(cur, row, &err), 1);
    return cur;
}

static int64_t scalar_int(tide_dconn *c, const char *sql)
{
    tide_row row;
    tide_dcursor *cur = first_row(c, sql, NULL, 0, &row);
    int64_t i;
    assert_int_equal(row.vals[0].type, TIDE_V_INT);
    i = row.vals[0].u.i;
    drv->finish(cur);
    return i;
}

static void assert_bytes(const tide_value *v, tide_vtype t, const char *p, size_t n)
{
    assert_int_equal(v->type, t);
    assert_int_equal(v->u.s.len, n);
    if (n)
        assert_memory_equal(v->u.s.p, p, n);
}

static void assert_text(const tide_value *v, const char *s)
{
    assert_bytes(v, TIDE_V_TEXT, s, strlen(s));
}

/* ---- values ------------------------------------------------------------- */

static void test_param_roundtrip(void **state)
{
    static const char blob[] = { 0, 1, (char)0xff, 'x', 0 };
    static const char text[] = "h\xc3\xa9llo 'q' \\ NOT-PART-OF-THE-VALUE";
    const size_t text_len = sizeof "h\xc3\xa9llo 'q' \\" - 1;
    tide_value p[] = {
        v_int(INT64_MAX), v_int(INT64_MIN), v_bool(1), v_bool(0), v_float(0.1),
        v_float(-1e300), v_bytes(TIDE_V_TEXT, text, text_len), v_bytes(TIDE_V_BLOB, blob, sizeof blob),
        v_null(), v_bytes(TIDE_V_BLOB, NULL, 0), v_bytes(TIDE_V_TEXT, NULL, 0),
    };
    tide_row row;
    tide_dcursor *cur = first_row(*state,
        "select ?::int8 as a, ? as b, ? as c, ? as d, ? as e, ? as f, ? as g, ? as h, "
        "?::text as i, ? as j, ? as k", p, 11, &row);
    assert_int_equal(row.ncols, 11);
    assert_string_equal(row.names[0], "a");
    assert_string_equal(row.names[10], "k");
    assert_int_equal(row.vals[0].type, TIDE_V_INT);
    assert_true(row.vals[0].u.i == INT64_MAX);
    assert_true(row.vals[1].u.i == INT64_MIN);
    assert_int_equal(row.vals[2].type, TIDE_V_BOOL);
    assert_int_equal(row.vals[2].u.b, 1);
    assert_int_equal(row.vals[3].u.b, 0);
    assert_int_equal(row.vals[4].type, TIDE_V_FLOAT);
    assert_true(row.vals[4].u.f == 0.1);
    assert_true(row.vals[5].u.f == -1e300);
    assert_bytes(&row.vals[6], TIDE_V_TEXT, text, text_len);
    assert_bytes(&row.vals[7], TIDE_V_BLOB, blob, sizeof blob);
    assert_int_equal(row.vals[8].type, TIDE_V_NULL);
    assert_bytes(&row.vals[9], TIDE_V_BLOB, NULL, 0);
    assert_text(&row.vals[10], "");
    assert_int_equal(drv->step(cur, &row, NULL), 0);
    drv->finish(cur);
}

static void test_param_special_floats(void **state)
{
    tide_value p[] = { v_float(NAN), v_float(INFINITY), v_float(-INFINITY) };
    tide_row row;
    tide_dcursor *cur = first_row(*state, "select ?, ?, ?", p, 3, &row);
    assert_true(isnan(row.vals[0].u.f));
    assert_true(isinf(row.vals[1].u.f) && row.vals[1].u.f > 0);
    assert_true(isinf(row.vals[2].u.f) && row.vals[2].u.f < 0);
    drv->finish(cur);
}

/* Text goes as type "unknown", so the server reads it as what it needs. */
static void test_text_param_inferred(void **state)
{
    tide_value p[] = { v_text("2024-02-29"), v_text("{\"a\": [1, 2]}") };
    tide_row row;
    tide_dcursor *cur = first_row(*state, "select date '2024-02-28' + 1 = ?, "
                                  "(?::jsonb -> 'a' ->> 1)::int", p, 2, &row);
    assert_int_equal(row.vals[0].type, TIDE_V_BOOL);
    assert_int_equal(row.vals[0].u.b, 1);
    assert_int_equal(row.vals[1].u.i, 2);
    drv->finish(cur);
}

static void test_text_param_with_nul(void **state)
{
    tide_value p[] = { v_bytes(TIDE_V_TEXT, "a\0b", 3) };
    tide_err err;
    assert_int_equal(exec(*state, "select ?", p, 1, &err), TIDE_EINVAL);
    assert_non_null(strstr(err.msg, "NUL"));
}

static void test_result_types(void **state)
{
    tide_row row;
    tide_dcursor *cur = first_row(*state,
        "select 1::int2 a, 2::int4 b, 3::int8 c, 4::oid d, 1.5::float4 e, 2.5::float8 f, "
        "1.25::numeric g, 'x'::text h, date '2024-01-02' i, '{\"a\": 1}'::jsonb j, true k, "
        "false l, null m, '\\x00ff'::bytea n, 'NaN'::float8 o, 'x'::varchar p", NULL, 0, &row);
    int i;
    assert_int_equal(row.ncols, 16);
    for (i = 0; i < 4; i++) {
        assert_int_equal(row.vals[i].type, TIDE_V_INT);
        assert_int_equal(row.vals[i].u.i, i + 1);
    }
    assert_int_equal(row.vals[4].type, TIDE_V_FLOAT);
    assert_true(row.vals[4].u.f == 1.5 && row.vals[5].u.f == 2.5);
    assert_text(&row.vals[6], "1.25");
    assert_text(&row.vals[7], "x");
    assert_text(&row.vals[8], "2024-01-02");
    assert_text(&row.vals[9], "{\"a\": 1}");
    assert_int_equal(row.vals[10].type, TIDE_V_BOOL);
    assert_true(row.vals[10].u.b == 1 && row.vals[11].u.b == 0);
    assert_int_equal(row.vals[12].type, TIDE_V_NULL);
    assert_bytes(&row.vals[13], TIDE_V_BLOB, "\0\xff", 2);
    assert_true(isnan(row.vals[14].u.f));
    assert_text(&row.vals[15], "x");
    assert_string_equal(row.names[9], "j");
    drv->finish(cur);
}

static void test_many_rows_and_affected(void **state)
{
    tide_dconn *c = *state;
    tide_dcursor *cur = NULL;
    tide_row row;
    tide_err err;
    int n = 0;
    exec_ok(c, "create temp table t(x int)");
    assert_int_equal(drv->query(c, "insert into t select generate_series(1, 1000)", NULL, 0, &cur, &err), 0);
    assert_int_equal(drv->step(cur, &row, &err), 0);
    assert_int_equal(drv->affected(cur), 1000);
    drv->finish(cur);
    assert_int_equal(drv->query(c, "select x, '\\x01'::bytea from t order by x", NULL, 0, &cur, &err), 0);
    while (drv->step(cur, &row, &err) == 1)
        assert_int_equal(row.vals[0].u.i, ++n);
    assert_int_equal(n, 1000);
    assert_int_equal(drv->affected(cur), 0);      /* a SELECT changes nothing */
    assert_int_equal(drv->step(cur, &row, &err), 0);
    drv->finish(cur);
    assert_int_equal(drv->query(c, "update t set x = x + 1 where x <= 10 returning x", NULL, 0, &cur, &err), 0);
    while (drv->step(cur, &row, &err) == 1)
        ;
    assert_int_equal(drv->affected(cur), 10);
    drv->finish(cur);
}

/* ---- placeholders ------------------------------------------------------- */

static void test_jsonb_question_mark(void **state)
{
    static const char doc[] = "{\"a\": 1, \"b\": 2}";
    tide_value p[] = { v_text(doc), v_text("a"), v_text(doc), v_text(doc) };
    tide_row row;
    tide_dcursor *cur = first_row(*state, "select '{\"a\": 1}'::jsonb ? 'a', "
                                  "'{\"a\": 1}'::jsonb ? 'z'", NULL, 0, &row);
    assert_true(row.vals[0].u.b == 1 && row.vals[1].u.b == 0);
    drv->finish(cur);
    cur = first_row(*state, "select ?::jsonb ?? ?, ?::jsonb ?| array['z', 'a'], "
                    "?::jsonb ?& array['a', 'z']", p, 4, &row);
    assert_int_equal(row.vals[0].type, TIDE_V_BOOL);
    assert_true(row.vals[0].u.b == 1 && row.vals[1].u.b == 1 && row.vals[2].u.b == 0);
    drv->finish(cur);
}

static void test_placeholder_in_quotes_and_concat(void **state)
{
    tide_value p[] = { v_text("x") };
    tide_row row;
    tide_dcursor *cur = first_row(*state, "select '?' || ?||'?' /* ? */, $$?$$ -- ?\n",
                                  p, 1, &row);
    assert_text(&row.vals[0], "?x?");
    assert_text(&row.vals[1], "?");
    drv->finish(cur);
}

static void test_param_count_mismatch(void **state)
{
    tide_value p[] = { v_int(1), v_int(2) };
    tide_err err;
    assert_int_equal(exec(*state, "select ?, ?", p, 1, &err), TIDE_EINVAL);
    assert_non_null(strstr(err.msg, "2 '?' placeholders"));
    assert_non_null(strstr(err.msg, "1 parameter was given"));
    assert_string_equal(err.sql, "select ?, ?");
    assert_int_equal(exec(*state, "select ?", p, 2, &err), TIDE_EINVAL);
    assert_non_null(strstr(err.msg, "1 '?' placeholder but 2 parameters"));
}

/* ---- errors ------------------------------------------------------------- */

static void test_sql_error(void **state)
{
    tide_dconn *c = *state;
    tide_value one[] = { v_int(1) };
    tide_err err;
    assert_int_equal(exec(c, "select * from no_such_table", NULL, 0, &err), TIDE_ESQL);
    assert_string_equal(err.sqlstate, "42P01");
    assert_string_equal(err.sql, "select * from no_such_table");
    assert_non_null(strstr(err.msg, "SQL error: relation \"no_such_table\" does not exist"));

    exec_ok(c, "create temp table u(id int primary key)");
    exec_ok(c, "insert into u values (1)");
    assert_int_equal(exec(c, "insert into u values (?)", one, 1, &err), TIDE_ESQL);
    assert_string_equal(err.sqlstate, "23505");
    assert_non_null(strstr(err.msg, "\nDETAIL: Key (id)=(1) already exists."));
    assert_string_equal(err.sql, "insert into u values (?)");

    assert_int_equal(exec(c, "select no_such_function(1)", NULL, 0, &err), TIDE_ESQL);
    assert_string_equal(err.sqlstate, "42883");
    assert_non_null(strstr(err.msg, "\nHINT: "));
    assert_null(strchr(strstr(err.msg, "\nHINT: ") + 1, '\n'));
}

static void test_connection_lost(void **state)
{
    tide_dconn *c = *state, *killer = open_ok();
    tide_value pid[] = { v_int(scalar_int(c, "select pg_backend_pid()")) };
    tide_err err;
    int64_t until = now_ms() + 5000;
    exec_ok(killer, "select 1");
    assert_int_equal(exec(killer, "select pg_terminate_backend(?::int)", pid, 1, &err), 0);
    while (now_ms() < until) {           /* until the backend has gone */
        tide_row row;
        tide_dcursor *cur = first_row(killer, "select count(*) from pg_stat_activity where pid = ?::int",
                                      pid, 1, &row);
        int gone = row.vals[0].u.i == 0;
        drv->finish(cur);
        if (gone)
            break;
    }
    assert_int_equal(exec(c, "select 1", NULL, 0, &err), TIDE_ECONNECT);
    assert_non_null(strstr(err.msg, "connection to PostgreSQL lost"));
    drv->close(killer);
}

static void test_no_notices_and_defaults(void **state)
{
    tide_row row;
    tide_dcursor *cur;
    exec_ok(*state, "do $$ begin raise notice 'should not be printed'; end $$");
    cur = first_row(*state, "select current_setting('application_name'), "
                    "current_setting('client_min_messages'), "
                    "current_setting('standard_conforming_strings')", NULL, 0, &row);
    assert_text(&row.vals[0], "tide");
    assert_text(&row.vals[1], "warning");
    assert_text(&row.vals[2], "on");
    drv->finish(cur);
}

/* ---- scripts ------------------------------------------------------------ */

static void test_script_stops_at_failure(void **state)
{
    tide_dconn *c = *state;
    tide_err err;
    assert_int_equal(drv->script(c, "create temp table s(x int);\n"
                                 "insert into s values (1); -- fine\n"
                                 "insert into nope values (2);\n"
                                 "insert into s values (3);", &err), TIDE_ESQL);
    assert_string_equal(err.sql, "insert into nope values (2)");
    assert_string_equal(err.sqlstate, "42P01");
    assert_int_equal(scalar_int(c, "select count(*) from s"), 1);
}

static void test_script_function_bodies(void **state)
{
    tide_dconn *c = *state;
    tide_err err;
    assert_int_equal(drv->script(c,
        "create function pg_temp.f() returns int language plpgsql as $$\n"
        "declare n int; begin n := 1; n := n + 1; return n; end;\n$$;\n"
        ";; -- nothing\n"
        "create function pg_temp.g() returns int language sql\n"
        "begin atomic select 40; select 42; end;\n"
        "create temp table r as select pg_temp.f() + pg_temp.g() as v", &err), 0);
    assert_int_equal(scalar_int(c, "select v from r"), 44);
    assert_int_equal(drv->script(c, "  ; -- only comments\n/* here */", &err), 0);
}

/* ---- transactions ------------------------------------------------------- */

static void test_nested_transactions(void **state)
{
    tide_dconn *c = *state;
    tide_err err;
    exec_ok(c, "create temp table t(x int)");
    assert_int_equal(drv->txdepth(c), 0);
    assert_int_equal(drv->begin(c, &err), 0);
    exec_ok(c, "insert into t values (1)");
    assert_int_equal(drv->begin(c, &err), 0);
    assert_int_equal(drv->txdepth(c), 2);
    exec_ok(c, "insert into t values (2)");
    assert_int_equal(drv->rollback(c, &err), 0);
    assert_int_equal(drv->txdepth(c), 1);
    assert_int_equal(drv->commit(c, &err), 0);
    assert_int_equal(drv->txdepth(c), 0);
    assert_int_equal(scalar_int(c, "select sum(x) from t"), 1);

    /* three levels: the inner ones commit into the outer, which rolls back */
    assert_int_equal(drv->begin(c, &err), 0);
    assert_int_equal(drv->begin(c, &err), 0);
    assert_int_equal(drv->begin(c, &err), 0);
    exec_ok(c, "insert into t values (100)");
    assert_int_equal(drv->commit(c, &err), 0);
    assert_int_equal(drv->commit(c, &err), 0);
    assert_int_equal(drv->rollback(c, &err), 0);
    assert_int_equal(drv->txdepth(c), 0);
    assert_int_equal(scalar_int(c, "select sum(x) from t"), 1);
}

static void test_rollback_after_error(void **state)
{
    tide_dconn *c = *state;
    tide_err err;
    exec_ok(c, "create temp table t(x int)");
    assert_int_equal(drv->begin(c, &err), 0);
    exec_ok(c, "insert into t values (10)");
    assert_int_equal(drv->begin(c, &err), 0);
    assert_int_equal(exec(c, "insert into nope values (1)", NULL, 0, &err), TIDE_ESQL);
    assert_int_equal(exec(c, "select 1", NULL, 0, &err), TIDE_ESQL);
    assert_string_equal(err.sqlstate, "25P02");             /* aborted */
    assert_int_equal(drv->rollback(c, &err), 0);            /* ROLLBACK TO still works */
    exec_ok(c, "insert into t values (11)");
    assert_int_equal(drv->commit(c, &err), 0);
    assert_int_equal(scalar_int(c, "select sum(x) from t"), 21);

    /* an aborted transaction cannot be committed */
    assert_int_equal(drv->begin(c, &err), 0);
    exec_ok(c, "insert into t values (1000)");
    assert_int_equal(exec(c, "select 1/0", NULL, 0, &err), TIDE_ESQL);
    assert_string_equal(err.sqlstate, "22012");
    assert_int_equal(drv->commit(c, &err), TIDE_ESQL);
    assert_non_null(strstr(err.msg, "rolled back"));
    assert_int_equal(drv->txdepth(c), 0);
    assert_int_equal(scalar_int(c, "select sum(x) from t"), 21);
}

static void test_no_transaction_open(void **state)
{
    tide_dconn *c = *state;
    tide_err err;
    assert_int_equal(drv->commit(c, &err), TIDE_EINVAL);
    assert_non_null(strstr(err.msg, "no transaction is open"));
    assert_int_equal(drv->rollback(c, &err), TIDE_EINVAL);
    assert_non_null(strstr(err.msg, "no transaction is open"));
    /* a COMMIT sent as SQL ends the transaction for the driver too */
    assert_int_equal(drv->begin(c, &err), 0);
    exec_ok(c, "commit");
    assert_int_equal(drv->txdepth(c), 0);
    assert_int_equal(drv->commit(c, &err), TIDE_EINVAL);
}

/* ---- the lock ----------------------------------------------------------- */

static void test_lock_contention(void **state)
{
    tide_dconn *a = *state, *b = open_ok(), *third = open_ok();
    tide_err err;
    int64_t t0, waited;
    assert_int_equal(drv->lock(a, "app", 1000, &err), 0);
    t0 = now_ms();
    assert_int_equal(drv->lock(b, "app", 200, &err), TIDE_ELOCKED);
    waited = now_ms() - t0;
    assert_in_range(waited, 190, 1500);
    assert_non_null(strstr(err.msg, "'app'"));
    assert_non_null(strstr(err.msg, "0.2 s"));
    assert_int_equal(drv->lock(b, "other", 0, &err), 0);   /* another key is free */
    assert_int_equal(drv->unlock(b, "other", &err), 0);
    assert_int_equal(drv->unlock(a, "app", &err), 0);
    assert_int_equal(drv->lock(b, "app", 200, &err), 0);
    assert_int_equal(drv->unlock(b, "app", &err), 0);
    assert_int_equal(drv->unlock(b, "app", &err), TIDE_EINVAL);   /* not held any more */

    /* closing the connection releases its lock */
    assert_int_equal(drv->lock(third, "app", 0, &err), 0);
    assert_int_equal(drv->lock(b, "app", 0, &err), TIDE_ELOCKED);
    drv->close(third);
    assert_int_equal(drv->lock(b, "app", 2000, &err), 0);
    drv->close(b);
}

/* ---- connecting --------------------------------------------------------- */

static void test_wrong_password(void **state)
{
    static const char secret[] = "wrong-secret-xyzzy";
    tide_dconn *c = NULL;
    tide_err err;
    tide_url u;
    int rc;
    (void)state;
    assert_int_equal(tide_url_parse(&u, pg_url, &err), 0);
    if (!u.user) {
        tide_url_free(&u);
        skip();
    }
    rc = open_with(pg_url, NULL, NULL, secret, &c, &err);
    if (rc == 0) {          /* the server trusts this host: nothing to test */
        drv->close(c);
        tide_url_free(&u);
        skip();
    }
    assert_int_equal(rc, TIDE_ECONNECT);
    assert_null(c);
    assert_non_null(strstr(err.msg, "authentication failed"));
    {
        char quoted[128];
        snprintf(quoted, sizeof quoted, "'%s'", u.user);
        assert_non_null(strstr(err.msg, quoted));
    }
    assert_null(strstr(err.msg, secret));
    assert_null(strstr(err.msg, "xyzzy"));
    tide_url_free(&u);
}

/* A port on 127.0.0.1 that nothing listens on (bound, then released). */
static int unused_port(void)
{
    struct sockaddr_in sa;
    socklen_t len = sizeof sa;
    int fd = socket(AF_INET, SOCK_STREAM, 0), port;
    assert_true(fd >= 0);
    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    assert_int_equal(bind(fd, (struct sockaddr *)&sa, sizeof sa), 0);
    assert_int_equal(getsockname(fd, (struct sockaddr *)&sa, &len), 0);
    port = ntohs(sa.sin_port);
    close(fd);
    return port;
}

static void test_refused_port(void **state)
{
    tide_dconn *c = NULL;
    tide_err err;
    char port[16], where[64];
    int64_t t0;
    (void)state;
    snprintf(port, sizeof port, "%d", unused_port());
    snprintf(where, sizeof where, "127.0.0.1:%s", port);
    t0 = now_ms();
    assert_int_equal(open_with(pg_url, "127.0.0.1", port, NULL, &c, &err), TIDE_ECONNECT);
    assert_true(now_ms() - t0 < 2000);
    assert_null(c);
    assert_non_null(strstr(err.msg, where));
    assert_non_null(strstr(err.msg, "connection refused"));
    assert_null(strchr(err.msg, '\n'));
}

static int open_url_with_query(const char *query, tide_dconn **c, tide_err *err)
{
    char url[1024];
    snprintf(url, sizeof url, "%s%s%s", pg_url, strchr(pg_url, '?') ? "&" : "?", query);
    return open_with(url, NULL, NULL, NULL, c, err);
}

/* A server that takes the connection and never answers: its socket, and
 * its port in port. */
static int silent_server(char port[16])
{
    struct sockaddr_in sa;
    socklen_t len = sizeof sa;
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    assert_true(fd >= 0);
    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    assert_int_equal(bind(fd, (struct sockaddr *)&sa, sizeof sa), 0);
    assert_int_equal(listen(fd, 4), 0);
    assert_int_equal(getsockname(fd, (struct sockaddr *)&sa, &len), 0);
    snprintf(port, 16, "%d", ntohs(sa.sin_port));
    return fd;
}

/* Connects to a silent server with QUERY added to the URL: gives up after
 * about 2 s, saying so. */
static void gives_up_after_2s(const char *query)
{
    tide_dconn *c = NULL;
    tide_err err;
    char url[1024], port[16];
    int64_t t0, waited;
    int fd = silent_server(port);
    snprintf(url, sizeof url, "%s%s%s", pg_url, strchr(pg_url, '?') ? "&" : "?", query);
    t0 = now_ms();
    assert_int_equal(open_with(url, "127.0.0.1", port, NULL, &c, &err), TIDE_ECONNECT);
    waited = now_ms() - t0;
    close(fd);
    assert_null(c);
    assert_in_range(waited, 1900, 4000);
    assert_non_null(strstr(err.msg, "no answer within 2 s"));
}

static void test_connect_timeout(void **state)
{
    (void)state;
    gives_up_after_2s("connect_timeout=2&sslmode=disable");
}

/* libpq's PGCONNECT_TIMEOUT is the wait when the URL says none (a run under
 * valgrind on a busy machine needs more than the 5 s default); the URL's
 * connect_timeout wins over it; a bad value is refused, naming it. */
static void test_connect_timeout_env(void **state)
{
    tide_dconn *c = NULL;
    tide_err err;
    (void)state;
    setenv("PGCONNECT_TIMEOUT", "2", 1);
    gives_up_after_2s("sslmode=disable");
    setenv("PGCONNECT_TIMEOUT", "600", 1);
    gives_up_after_2s("connect_timeout=2&sslmode=disable");
    setenv("PGCONNECT_TIMEOUT", "soon", 1);
    assert_int_equal(open_url_with_query("sslmode=disable", &c, &err), TIDE_EURL);
    assert_non_null(strstr(err.msg, "PGCONNECT_TIMEOUT='soon' is not a whole number of seconds"));
    assert_null(c);
    unsetenv("PGCONNECT_TIMEOUT");
}

static void test_url_options(void **state)
{
    tide_dconn *c = NULL;
    tide_err err;
    tide_row row;
    tide_dcursor *cur;
    (void)state;
    assert_int_equal(open_url_with_query("bogus_opt=1", &c, &err), TIDE_EURL);
    assert_non_null(strstr(err.msg, "'bogus_opt'"));
    assert_null(c);
    assert_int_equal(open_url_with_query("connect_timeout=soon", &c, &err), TIDE_EURL);
    assert_non_null(strstr(err.msg, "connect_timeout"));
    assert_int_equal(open_url_with_query("sslmode=sometimes", &c, &err), TIDE_EURL);
    assert_non_null(strstr(err.msg, "sslmode"));
    assert_int_equal(open_url_with_query("application_name=tide-test&connect_timeout=3", &c, &err), 0);
    cur = first_row(c, "select current_setting('application_name')", NULL, 0, &row);
    assert_text(&row.vals[0], "tide-test");
    drv->finish(cur);
    drv->close(c);
    drv->close(NULL);
    drv->finish(NULL);
}

/* ---- quoting ------------------------------------------------------------ */

/* Reads `select <literal of v>` back through the server. */
static tide_dcursor *literal_roundtrip(tide_dconn *c, const tide_value *v, tide_row *row)
{
    tide_buf sql = TIDE_BUF_INIT;
    tide_dcursor *cur;
    assert_int_equal(tide_buf_puts(&sql, "select "), 0);
    assert_int_equal(drv->quote_literal(&sql, v), 0);
    cur = first_row(c, sql.data, NULL, 0, row);
    tide_buf_free(&sql);
    return cur;
}

static void test_quote_literal(void **state)
{
    static const char blob[] = { 0, '\'', '\\', (char)0x80 };
    static const char text[] = "it's a \\ test ''\n";
    tide_value vals[] = {
        v_null(), v_bool(1), v_bool(0), v_int(INT64_MIN + 1), v_float(0.1), v_float(NAN),
        v_float(-INFINITY), v_text(text), v_bytes(TIDE_V_BLOB, blob, sizeof blob),
    };
    tide_buf out = TIDE_BUF_INIT;
    tide_value nul = v_bytes(TIDE_V_TEXT, "a\0b", 3);
    tide_row row;
    size_t i;
    for (i = 0; i < sizeof vals / sizeof *vals; i++) {
        tide_dcursor *cur = literal_roundtrip(*state, &vals[i], &row);
        if (vals[i].type == TIDE_V_FLOAT && isfinite(vals[i].u.f)) {
            /* a plain number reads as numeric, which comes back as text */
            char num[64];
            assert_int_equal(row.vals[0].type, TIDE_V_TEXT);
            snprintf(num, sizeof num, "%.*s", (int)row.vals[0].u.s.len, row.vals[0].u.s.p);
            assert_true(strtod(num, NULL) == vals[i].u.f);
            drv->finish(cur);
            continue;
        }
        assert_int_equal(row.vals[0].type, vals[i].type);
        if (vals[i].type == TIDE_V_TEXT || vals[i].type == TIDE_V_BLOB)
            assert_bytes(&row.vals[0], vals[i].type, vals[i].u.s.p, vals[i].u.s.len);
        else if (vals[i].type == TIDE_V_FLOAT && isnan(vals[i].u.f))
            assert_true(isnan(row.vals[0].u.f));
        else if (vals[i].type == TIDE_V_FLOAT)
            assert_true(row.vals[0].u.f == vals[i].u.f);      /* -Infinity */
        else if (vals[i].type != TIDE_V_NULL)
            assert_true(row.vals[0].u.i == vals[i].u.i);
        drv->finish(cur);
    }
    assert_int_equal(tide_buf_puts(&out, "x"), 0);
    assert_int_equal(drv->quote_literal(&out, &vals[4]), 0);
    assert_string_equal(out.data, "x0.1");
    tide_buf_reset(&out);
    vals[4].u.f = 1.0;
    assert_int_equal(drv->quote_literal(&out, &vals[4]), 0);
    assert_string_equal(out.data, "1.0");
    tide_buf_reset(&out);
    assert_int_equal(drv->quote_literal(&out, &nul), TIDE_EINVAL);
    assert_string_equal(out.data, "");
    tide_buf_free(&out);
}

static void test_quote_ident(void **state)
{
    tide_dconn *c = *state;
    tide_buf sql = TIDE_BUF_INIT;
    assert_int_equal(drv->quote_ident(&sql, "we\"ird ?;"), 0);
    assert_string_equal(sql.data, "\"we\"\"ird ?;\"");
    tide_buf_reset(&sql);
    assert_int_equal(tide_buf_puts(&sql, "create temp table "), 0);
    assert_int_equal(drv->quote_ident(&sql, "Mixed\"Case"), 0);
    assert_int_equal(tide_buf_puts(&sql, " as select 7 as "), 0);
    assert_int_equal(drv->quote_ident(&sql, "select"), 0);
    exec_ok(c, sql.data);
    assert_int_equal(scalar_int(c, "select \"select\" from \"Mixed\"\"Case\""), 7);
    tide_buf_free(&sql);
}

/* ---- objects: sequence options and the emitter's SQL (no server) ----------- */

static void seq_is(const char *given, const char *want)
{
    tide_buf out = TIDE_BUF_INIT;
    tide_err err;
    tide_err_clear(&err);
    if (pg_seq_canonical("s", given, &out, &err) < 0)
        fail_msg("%s: %s", given, err.msg);
    assert_string_equal(out.data, want);
    tide_buf_free(&out);
}

static void test_sequence_canonical(void **state)
{
    tide_buf out = TIDE_BUF_INIT;
    tide_err err;
    (void)state;
    seq_is("", "as bigint increment by 1 minvalue 1 maxvalue 9223372036854775807 start with 1 cache 1 no cycle");
    seq_is("START WITH 1000 INCREMENT BY 5",
           "as bigint increment by 5 minvalue 1 maxvalue 9223372036854775807 start with 1000 cache 1 no cycle");
    seq_is("cycle cache 5 as int4 increment 10 maxvalue 100000 start 1000",
           "as integer increment by 10 minvalue 1 maxvalue 100000 start with 1000 cache 5 cycle");
    seq_is("as smallint increment by -1",
           "as smallint increment by -1 minvalue -32768 maxvalue -1 start with -1 cache 1 no cycle");
    seq_is("as integer minvalue 5 no minvalue no cycle",
           "as integer increment by 1 minvalue 1 maxvalue 2147483647 start with 1 cache 1 no cycle");
    /* introspection's own text is already canonical */
    seq_is("as bigint increment by 1 minvalue 1 maxvalue 9223372036854775807 start with 1 cache 1 no cycle",
           "as bigint increment by 1 minvalue 1 maxvalue 9223372036854775807 start with 1 cache 1 no cycle");
    tide_err_clear(&err);
    assert_int_equal(pg_seq_canonical("order_no", "start with 1 owned by t.id", &out, &err), TIDE_ECONFIG);
    assert_non_null(strstr(err.msg, "sequence order_no"));
    assert_non_null(strstr(err.msg, "owned by"));
    assert_int_equal(pg_seq_canonical("order_no", "increment by 0", &out, &err), TIDE_ECONFIG);
    assert_int_equal(pg_seq_canonical("order_no", "as text", &out, &err), TIDE_ECONFIG);
    tide_buf_free(&out);
}

static tide_schema *finished(tide_schema *s)
{
    tide_err err;
    if (tide_schema_finish(s, &err) < 0 || pg_normalize(s, &err) < 0)
        fail_msg("finish: %s", err.msg);
    return s;
}

/* The statements of the plan from a to b, joined by "\n". */
static char *plan_sql(tide_schema *a, tide_schema *b)
{
    tide_plan up, down;
    tide_sql_list sql = { NULL, NULL, 0 };
    tide_buf all = TIDE_BUF_INIT;
    tide_err err;
    int i;
    if (tide_diff(a, b, NULL, &up, &down, &err) < 0)
        fail_msg("diff: %s", err.msg);
    if (pg_emit(&up, &sql, &err) < 0)
        fail_msg("emit: %s", err.msg);
    for (i = 0; i < sql.n; i++)
        assert_int_equal(tide_buf_printf(&all, "%s%s", i ? "\n" : "", sql.items[i]), 0);
    tide_sql_list_free(&sql);
    tide_plan_free(&up);
    tide_plan_free(&down);
    return all.data ? all.data : strdup("");
}

static tide_table *item_table(tide_schema *s, const char *amount_type)
{
    tide_table *t = tide_schema_add_table(s, NULL, "item");
    assert_non_null(tide_table_add_column(s, t, "id", "integer"));
    assert_non_null(tide_table_add_column(s, t, "amount", amount_type));
    return t;
}

static void objects_schema(tide_schema *s, const char *amount_type, const char *fn_body)
{
    tide_object *o;
    char fn[300];
    item_table(s, amount_type);
    assert_non_null(tide_schema_add_object(s, TIDE_OBJ_SEQUENCE, NULL, "order_no", NULL, "start with 10"));
    snprintf(fn, sizeof fn, "create function f(a integer, b text default 'x, y') returns integer "
             "language sql as $$ %s $$", fn_body);
    o = tide_schema_add_object(s, TIDE_OBJ_FUNCTION, NULL, "f", NULL, fn);
    assert_non_null(o);
    o->comment = tide_schema_str(s, "adds");
    assert_non_null(tide_schema_add_object(s, TIDE_OBJ_VIEW, NULL, "big", NULL,
                                           "select id, amount from item where amount > 10"));
    assert_non_null(tide_schema_add_object(s, TIDE_OBJ_MATVIEW, "rep", "totals", NULL,
                                           "select sum(amount) as total from item"));
    assert_non_null(tide_schema_add_object(s, TIDE_OBJ_TRIGGER, NULL, "item_t", "item",
                                           "create trigger item_t before insert on item for each row "
                                           "execute function g()"));
    assert_non_null(tide_schema_add_object(s, TIDE_OBJ_POLICY, NULL, "mine", "item",
                                           "create policy mine on item using (id > 0)"));
}

static void test_emit_objects(void **state)
{
    tide_schema *empty = finished(tide_schema_new()), *a = tide_schema_new(), *b = tide_schema_new();
    char *sql;
    (void)state;
    objects_schema(a, "integer", "select a");
    finished(a);
    sql = plan_sql(empty, a);
    assert_non_null(strstr(sql, "create sequence \"order_no\" as bigint increment by 1 minvalue 1 "
                                "maxvalue 9223372036854775807 start with 10 cache 1 no cycle\n"));
    assert_non_null(strstr(sql, "create function f(a integer, b text default 'x, y')"));
    /* a LANGUAGE sql body may read tables created after it */
    assert_non_null(strstr(sql, "set check_function_bodies = off\ncreate function f("));
    assert_non_null(strstr(sql, "language sql as $$ select a $$\nreset check_function_bodies"));
    assert_non_null(strstr(sql, "comment on function \"f\"(a integer, b text) is 'adds'"));
    assert_non_null(strstr(sql, "create view \"big\" as\nselect id, amount from item where amount > 10"));
    assert_non_null(strstr(sql, "create materialized view \"rep\".\"totals\" as\n"
                                "select sum(amount) as total from item\nwith data"));
    assert_non_null(strstr(sql, "create trigger item_t"));
    assert_non_null(strstr(sql, "create policy mine on item using (id > 0)"));
    /* the sequence and the function before the table, the view after it */
    assert_true(strstr(sql, "create sequence") < strstr(sql, "create table"));
    assert_true(strstr(sql, "create function") < strstr(sql, "create table"));
    assert_true(strstr(sql, "create table") < strstr(sql, "create view"));
    free(sql);

    sql = plan_sql(a, empty);
    assert_non_null(strstr(sql, "drop sequence \"order_no\""));
    assert_non_null(strstr(sql, "drop function \"f\"(a integer, b text)"));
    assert_non_null(strstr(sql, "drop view \"big\""));
    assert_non_null(strstr(sql, "drop materialized view \"rep\".\"totals\""));
    assert_non_null(strstr(sql, "drop trigger \"item_t\" on \"item\""));
    assert_non_null(strstr(sql, "drop policy \"mine\" on \"item\""));
    assert_true(strstr(sql, "drop view") < strstr(sql, "drop table"));
    assert_true(strstr(sql, "drop table") < strstr(sql, "drop function"));
    free(sql);

    /* a column type under the views: dropped before, created again after;
     * a changed function is replaced in place */
    objects_schema(b, "bigint", "select a + 1");
    finished(b);
    sql = plan_sql(a, b);
    assert_non_null(strstr(sql, "create or replace function f(a integer"));
    assert_true(strstr(sql, "drop view \"big\"") < strstr(sql, "alter column \"amount\" type bigint"));
    assert_true(strstr(sql, "alter column \"amount\" type bigint") < strstr(sql, "create view \"big\""));
    assert_true(strstr(sql, "drop materialized view") < strstr(sql, "alter column \"amount\" type bigint"));
    free(sql);
    tide_schema_free(a);
    tide_schema_free(b);
    tide_schema_free(empty);
}

static void test_emit_table_features(void **state)
{
    tide_schema *a = tide_schema_new(), *b = tide_schema_new();
    tide_table *t;
    tide_column *c;
    char *sql;
    (void)state;
    item_table(a, "integer");
    finished(a);
    t = item_table(b, "integer");
    t->options = TIDE_TABLE_UNLOGGED | TIDE_TABLE_ROW_SECURITY;
    c = tide_table_add_column(b, t, "double_amount", "integer");
    c->nullable = 1;
    c->generated = tide_schema_str(b, "amount * 2");
    c->generated_stored = 1;
    finished(b);
    sql = plan_sql(a, b);
    assert_non_null(strstr(sql, "alter table \"item\" set unlogged"));
    assert_non_null(strstr(sql, "alter table \"item\" enable row level security"));
    assert_non_null(strstr(sql, "add column \"double_amount\" integer generated always as (amount * 2) stored"));
    free(sql);
    sql = plan_sql(b, a);
    assert_non_null(strstr(sql, "alter table \"item\" set logged"));
    assert_non_null(strstr(sql, "alter table \"item\" disable row level security"));
    free(sql);
    tide_schema_free(a);
    tide_schema_free(b);
}

static void test_emit_refuses_virtual_table(void **state)
{
    tide_schema *empty = finished(tide_schema_new()), *a = tide_schema_new();
    tide_plan up;
    tide_sql_list sql = { NULL, NULL, 0 };
    tide_err err;
    (void)state;
    assert_non_null(tide_schema_add_object(a, TIDE_OBJ_VIRTUAL_TABLE, NULL, "docs", NULL, "fts5(body)"));
    finished(a);
    assert_int_equal(tide_diff(empty, a, NULL, &up, NULL, &err), 0);
    assert_int_equal(pg_emit(&up, &sql, &err), TIDE_EINVAL);
    assert_non_null(strstr(err.msg, "virtual table docs"));
    tide_sql_list_free(&sql);
    tide_plan_free(&up);
    tide_schema_free(a);
    tide_schema_free(empty);
}

/* SQLite's ON CONFLICT clauses are refused by name, each of the three,
 * a nullable key column, and a key column sorted DESC. */
static void test_normalize_refuses_sqlite_only(void **state)
{
    static const char *const want[] = { "table item: ON CONFLICT rollback on the primary key is SQLite's",
                                        "table item, unique constraint item_code_key: ON CONFLICT ignore",
                                        "table item, column code: ON CONFLICT replace on its NOT NULL",
                                        "table item, column id: a primary key column is NOT NULL on "
                                        "PostgreSQL; remove :nullable()",
                                        "table item: primary key column id sorts DESC, which a PostgreSQL "
                                        "key cannot say" };
    int k;
    (void)state;
    for (k = 0; k < 5; k++) {
        tide_schema *s = tide_schema_new();
        tide_table *t = item_table(s, "integer");
        tide_unique *u = tide_table_add_unique(s, t, NULL);
        tide_column *code = tide_table_add_column(s, t, "code", "text");
        tide_err err;
        assert_non_null(u);
        assert_non_null(code);
        assert_int_equal(tide_strv_push(s, &u->columns, &u->ncolumns, "code"), 0);
        assert_int_equal(tide_table_add_pk_column(s, t, "id"), 0);
        if (k == 0)
            t->pk_conflict = tide_schema_str(s, "rollback");
        else if (k == 1)
            u->on_conflict = tide_schema_str(s, "ignore");
        else if (k == 2)
            code->not_null_conflict = tide_schema_str(s, "replace");
        else if (k == 3)
            t->columns[0].nullable = 1;
        else
            assert_int_equal(tide_strv_push(s, &t->pk_desc, &t->npk_desc, "id"), 0);
        assert_int_equal(tide_schema_finish(s, &err), 0);
        assert_int_equal(pg_normalize(s, &err), TIDE_ECONFIG);
        if (!strstr(err.msg, want[k]) || (k < 3 && !strstr(err.msg, "INSERT ... ON CONFLICT")))
            fail_msg("%s", err.msg);
        tide_schema_free(s);
    }
}

/* A collation's options in introspection's form, however written; what
 * cannot be read is refused, naming the collation and what it expects. */
static void test_collation_canonical(void **state)
{
    static const char *const cases[][2] = {
        { "locale = \"und-u-ks-level2\", PROVIDER = ICU, deterministic = false",
          "provider = icu, locale = 'und-u-ks-level2', deterministic = false" },
        { "provider = icu, locale = 'de-DE', deterministic = true", "provider = icu, locale = 'de-DE'" },
        { "locale = 'C'", "provider = libc, locale = 'C'" },
        { "lc_collate = 'C', lc_ctype = C.utf8", "provider = libc, lc_collate = 'C', lc_ctype = 'C.utf8'" },
        { "lc_collate = 'en_US.utf8', lc_ctype = 'en_US.utf8'", "provider = libc, locale = 'en_US.utf8'" },
        { "provider = libc, locale = 'x''y'", "provider = libc, locale = 'x''y'" },
        { "from \"C\"", "collation ci: cannot read its options at 'from \"C\"'" },
        { "provider = icu, version = '153.112'", "collation ci: cannot read its options at 'version" },
        { "provider = builtin, locale = 'C'", "collation ci: provider 'builtin' is not icu or libc" },
        { "provider = icu", "collation ci: say its locale (locale = 'und-u-ks-level2')" },
        { "locale = 'C', deterministic = maybe", "collation ci: deterministic is true or false, not 'maybe'" },
        { "locale = ", "collation ci: locale has no value" },
    };
    size_t k;
    (void)state;
    for (k = 0; k < sizeof cases / sizeof *cases; k++) {
        tide_schema *s = tide_schema_new();
        tide_object *o = tide_schema_add_object(s, TIDE_OBJ_COLLATION, NULL, "ci", NULL, cases[k][0]);
        tide_err err;
        int rc;
        assert_non_null(o);
        assert_int_equal(tide_schema_finish(s, &err), 0);
        rc = pg_normalize(s, &err);
        if (k < 6) {
            assert_int_equal(rc, 0);
            assert_string_equal(s->objects[0].definition, cases[k][1]);
            assert_string_equal(s->objects[0].canonical, cases[k][1]);
        } else if (rc != TIDE_ECONFIG || !strstr(err.msg, cases[k][1])) {
            fail_msg("%s: rc %d, %s", cases[k][0], rc, err.msg);
        }
        tide_schema_free(s);
    }
}

/* A publication's, an event trigger's, a foreign data wrapper's and a
 * foreign server's text in one spelling, whatever the case, order and
 * quoting it was written in (a foreign table's is the server's: only
 * read); each unreadable text refused by name. "!" starts an expected
 * error. */
static void test_publication_event_trigger_canonical(void **state)
{
    static const struct { tide_object_kind kind; const char *in, *out; } cases[] = {
        { TIDE_OBJ_PUBLICATION, "FOR TABLE Invoice, TABLE \"order\" (Total, id) WITH (PUBLISH = 'update,insert')",
          "for table invoice, table \"order\" (id, total) with (publish = 'insert, update')" },
        { TIDE_OBJ_PUBLICATION, "for table \"Mixed\" where (id > 0 AND  total IS NOT NULL), tables in schema b, a",
          "for table \"Mixed\" where (id > 0 and total is not null), tables in schema a, tables in schema b" },
        { TIDE_OBJ_PUBLICATION, "for all tables with (publish = 'insert, update, delete, truncate', "
          "publish_via_partition_root = on)", "for all tables with (publish_via_partition_root = true)" },
        { TIDE_OBJ_PUBLICATION, "with (publish = 'insert,update,delete,truncate')",
          "with (publish = 'insert, update, delete, truncate')" },
        { TIDE_OBJ_PUBLICATION, "with (publish = 'delete')", "with (publish = 'delete')" },
        { TIDE_OBJ_PUBLICATION, "for table only billing.\"Ledger\" *", "for table billing.\"Ledger\"" },
        { TIDE_OBJ_EVENT_TRIGGER, "CREATE EVENT TRIGGER e ON ddl_command_end WHEN TAG IN ('create table', "
          "'ALTER TABLE') EXECUTE PROCEDURE public.Log_DDL();", "on ddl_command_end when tag in ('CREATE TABLE', "
          "'ALTER TABLE') execute function log_ddl()" },
        { TIDE_OBJ_EVENT_TRIGGER, "on sql_drop execute function audit.\"Drop\"()",
          "on sql_drop execute function audit.\"Drop\"()" },
        { TIDE_OBJ_PUBLICATION, "for all", "!publication e: cannot read its definition at '' (expected TABLES after FOR ALL" },
        { TIDE_OBJ_PUBLICATION, "for table a with (publish = '')", "!publication e: publish = '' publishes nothing" },
        { TIDE_OBJ_PUBLICATION, "for table a, b (x", "!publication e: cannot read its definition at '' (expected a ')' after the columns" },
        { TIDE_OBJ_PUBLICATION, "for table a with (publish_via_partition_root = sometimes)",
          "!publication e: publish_via_partition_root is true or false, not 'sometimes'" },
        { TIDE_OBJ_EVENT_TRIGGER, "on ddl_command_middle execute function f()",
          "!event trigger e: 'ddl_command_middle' is not an event" },
        { TIDE_OBJ_EVENT_TRIGGER, "on sql_drop when tag in (create) execute function f()",
          "!event trigger e: cannot read its definition at 'create) execute" },
        { TIDE_OBJ_EVENT_TRIGGER, "on sql_drop when tag in ('DROP TABLE') execute function f(1)",
          "!event trigger e: cannot read its definition at '1)' (expected () after the function's name" },
        { TIDE_OBJ_EVENT_TRIGGER, "create event trigger other on sql_drop execute function f()",
          "!event trigger e: its statement names event trigger 'other'" },
        { TIDE_OBJ_FOREIGN_WRAPPER, "NO HANDLER", "no handler" },
        { TIDE_OBJ_FOREIGN_WRAPPER, "VALIDATOR public.Check_It OPTIONS (Debug 'on', \"Mode\" 'it''s') HANDLER h",
          "handler h validator check_it options (\"Mode\" 'it''s', debug 'on')" },
        { TIDE_OBJ_FOREIGN_WRAPPER, "no handler no validator options (null 'x')", "no handler options (\"null\" 'x')" },
        { TIDE_OBJ_FOREIGN_SERVER, "FOREIGN DATA WRAPPER Pg OPTIONS (port '5432', host 'db1')",
          "foreign data wrapper pg options (host 'db1', port '5432')" },
        { TIDE_OBJ_FOREIGN_SERVER, "type 'pg' version '15' foreign data wrapper \"Odd\"",
          "type 'pg' version '15' foreign data wrapper \"Odd\"" },
        { TIDE_OBJ_FOREIGN_WRAPPER, "handler", "!foreign data wrapper e: cannot read its definition at '' (expected a name" },
        { TIDE_OBJ_FOREIGN_WRAPPER, "options (a 'x', a 'y')", "!foreign data wrapper e: the option 'a' is given twice" },
        { TIDE_OBJ_FOREIGN_WRAPPER, "options (a 1)", "!foreign data wrapper e: cannot read its definition at '1)' (expected the option's value, a quoted string" },
        { TIDE_OBJ_FOREIGN_SERVER, "options (host 'x')", "!foreign server e: cannot read its definition at 'options (host 'x')' (expected TYPE '...', VERSION '...' or FOREIGN DATA WRAPPER name" },
        { TIDE_OBJ_FOREIGN_SERVER, "foreign data wrapper w; drop table x", "!foreign server e: cannot read its definition at '; drop table x' (expected OPTIONS (...) or the end of the definition" },
        { TIDE_OBJ_FOREIGN_TABLE, "(id integer) server s options (table_name 't')", "(id integer) server s options (table_name 't')" },
        { TIDE_OBJ_FOREIGN_TABLE, "id integer server s", "!foreign table e: cannot read its definition at 'id integer server s' (expected its columns within parentheses" },
        { TIDE_OBJ_FOREIGN_TABLE, "(id integer) options (table_name 't')", "!foreign table e: cannot read its definition at 'options (table_name 't')' (expected SERVER name after the columns" },
        { TIDE_OBJ_FOREIGN_TABLE, "partition of parent for values in ('server') server s", "partition of parent for values in ('server') server s" },
        { TIDE_OBJ_FOREIGN_TABLE, "partition of parent server s", "!foreign table e: cannot read its definition at 'server s' (expected its bound after the partitioned table's name" },
    };
    size_t k;
    (void)state;
    for (k = 0; k < sizeof cases / sizeof *cases; k++) {
        tide_schema *s = tide_schema_new();
        tide_table *t = tide_schema_add_table(s, NULL, "order");
        tide_err err;
        int rc;
        assert_non_null(t);
        assert_non_null(tide_table_add_column(s, t, "id", "integer"));
        assert_non_null(tide_table_add_column(s, t, "total", "integer"));
        assert_non_null(tide_schema_add_object(s, cases[k].kind, NULL, "e", NULL, cases[k].in));
        if (tide_schema_finish(s, &err) != 0)
            fail_msg("%s: %s", cases[k].in, err.msg);
        rc = pg_normalize(s, &err);
        if (cases[k].out[0] != '!') {
            if (rc != 0)
                fail_msg("%s: rc %d, %s", cases[k].in, rc, err.msg);
            assert_string_equal(s->objects[0].definition, cases[k].out);
        } else if (rc != TIDE_ECONFIG || !strstr(err.msg, cases[k].out + 1)) {
            fail_msg("%s: rc %d, %s", cases[k].in, rc, err.msg);
        }
        tide_schema_free(s);
    }
}

int main(void)
{
    const struct CMUnitTest offline[] = {
        cmocka_unit_test(test_collation_canonical),
        cmocka_unit_test(test_publication_event_trigger_canonical),
        cmocka_unit_test(test_sequence_canonical),
        cmocka_unit_test(test_emit_objects),
        cmocka_unit_test(test_emit_table_features),
        cmocka_unit_test(test_emit_refuses_virtual_table),
        cmocka_unit_test(test_normalize_refuses_sqlite_only),
    };
    const struct CMUnitTest tests[] = {
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
        T(test_param_roundtrip),
        T(test_param_special_floats),
        T(test_text_param_inferred),
        T(test_text_param_with_nul),
        T(test_result_types),
        T(test_many_rows_and_affected),
        T(test_jsonb_question_mark),
        T(test_placeholder_in_quotes_and_concat),
        T(test_param_count_mismatch),
        T(test_sql_error),
        T(test_connection_lost),
        T(test_no_notices_and_defaults),
        T(test_script_stops_at_failure),
        T(test_script_function_bodies),
        T(test_nested_transactions),
        T(test_rollback_after_error),
        T(test_no_transaction_open),
        T(test_lock_contention),
        T(test_quote_literal),
        T(test_quote_ident),
#undef T
        cmocka_unit_test(test_wrong_password),
        cmocka_unit_test(test_refused_port),
        cmocka_unit_test(test_url_options),
        cmocka_unit_test(test_connect_timeout),
        cmocka_unit_test(test_connect_timeout_env),
    };
    if (cmocka_run_group_tests(offline, NULL, NULL) != 0)
        return 1;
    pg_url = getenv("TIDE_TEST_PG_URL");
    if (!pg_url || !*pg_url) {
        printf("pg_driver: TIDE_TEST_PG_URL is not set, skipping "
               "(e.g. TIDE_TEST_PG_URL=postgres://tide:pw@127.0.0.1:54329/postgres)\n");
        return 77;
    }
    return cmocka_run_group_tests(tests, NULL, NULL);
}
