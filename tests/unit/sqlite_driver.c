/* sqlite_driver.c — unit tests of drivers/sqlite through the driver vtable
 * alone (no tide_conn): binding and type round trips, errors, scripts,
 * nested transactions, the flock migration lock and quoting. Files live in
 * a mkdtemp directory that is removed at the end. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "db/driver.h"

static const tide_driver *drv = &tide_sqlite_driver;
static char tmpdir[] = "/tmp/tide-sqlite-test-XXXXXX";

/* ---- helpers ---------------------------------------------------------- */

static char *path_in_tmp(const char *name)
{
    static char path[4096];
    snprintf(path, sizeof path, "%s/%s", tmpdir, name);
    return path;
}

static int open_url(const char *url, tide_dconn **out, tide_err *err)
{
    tide_url u;
    int rc = tide_url_parse(&u, url, err);
    if (rc < 0)
        return rc;
    rc = drv->connect(&u, out, err);
    tide_url_free(&u);
    return rc;
}

static tide_dconn *open_ok(const char *url)
{
    tide_dconn *c = NULL;
    tide_err err;
    tide_err_clear(&err);
    if (open_url(url, &c, &err) < 0)
        fail_msg("connect %s: %s", url, err.msg);
    return c;
}

static tide_dconn *open_file(const char *name)
{
    char url[4200];
    snprintf(url, sizeof url, "sqlite:%s", path_in_tmp(name));
    return open_ok(url);
}

static void script_ok(tide_dconn *c, const char *sql)
{
    tide_err err;
    if (drv->script(c, sql, &err) < 0)
        fail_msg("script: %s [%s]", err.msg, err.sql);
}

/* Runs sql to the end, returning the affected count. */
static int64_t exec_ok(tide_dconn *c, const char *sql, const tide_value *p, int n)
{
    tide_dcursor *cur = NULL;
    tide_row row;
    tide_err err;
    int rc;
    int64_t affected;
    if (drv->query(c, sql, p, n, &cur, &err) < 0)
        fail_msg("query: %s [%s]", err.msg, err.sql);
    while ((rc = drv->step(cur, &row, &err)) > 0)
        ;
    if (rc < 0)
        fail_msg("step: %s [%s]", err.msg, err.sql);
    affected = drv->affected(cur);
    drv->finish(cur);
    return affected;
}

/* The single integer that sql returns. */
static int64_t scalar(tide_dconn *c, const char *sql)
{
    tide_dcursor *cur = NULL;
    tide_row row;
    tide_err err;
    int64_t v;
    if (drv->query(c, sql, NULL, 0, &cur, &err) < 0)
        fail_msg("query: %s", err.msg);
    assert_int_equal(drv->step(cur, &row, &err), 1);
    assert_int_equal(row.vals[0].type, TIDE_V_INT);
    v = row.vals[0].u.i;
    assert_int_equal(drv->step(cur, &row, &err), 0);
    drv->finish(cur);
    return v;
}

static int rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st; (void)flag; (void)ftw;
    return remove(path);
}

static int group_setup(void **state)
{
    (void)state;
    return mkdtemp(tmpdir) ? 0 : -1;
}

static int group_teardown(void **state)
{
    (void)state;
    return nftw(tmpdir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* ---- tests ------------------------------------------------------------ */

static void test_vtable_shape(void **state)
{
    (void)state;
    assert_int_equal(drv->version, TIDE_DRIVER_VERSION);
    assert_string_equal(drv->name, "sqlite");
    assert_int_equal(drv->transactional_ddl, 1);
    drv->close(NULL);
    drv->finish(NULL);
}

static void test_bind_round_trip(void **state)
{
    static const char blob[] = { 0, 1, 2, (char)0xff };
    tide_value p[7];
    tide_dcursor *cur = NULL;
    tide_row row;
    tide_err err;
    tide_dconn *c = open_ok("sqlite::memory:");
    (void)state;
    script_ok(c, "CREATE TABLE t(b BOOLEAN, i INTEGER, f REAL, s TEXT, x BLOB, n, e TEXT)");
    p[0].type = TIDE_V_BOOL;  p[0].u.b = 1;
    p[1].type = TIDE_V_INT;   p[1].u.i = INT64_MIN;
    p[2].type = TIDE_V_FLOAT; p[2].u.f = 0.1;
    p[3].type = TIDE_V_TEXT;  p[3].u.s.p = "it's ü?"; p[3].u.s.len = strlen("it's ü?");
    p[4].type = TIDE_V_BLOB;  p[4].u.s.p = blob; p[4].u.s.len = sizeof blob;
    p[5].type = TIDE_V_NULL;
    p[6].type = TIDE_V_TEXT;  p[6].u.s.p = NULL; p[6].u.s.len = 0;   /* empty, not NULL */
    assert_int_equal(exec_ok(c, "INSERT INTO t VALUES (?, ?, ?, ?, ?, ?, ?)", p, 7), 1);

    assert_int_equal(drv->query(c, "SELECT b, i, f, s, x, n, e, 'q?' AS lit FROM t",
                                NULL, 0, &cur, &err), 0);
    assert_int_equal(drv->ncols(cur), 8);
    assert_int_equal(drv->step(cur, &row, &err), 1);
    assert_int_equal(row.ncols, 8);
    assert_string_equal(row.names[0], "b");
    assert_string_equal(row.names[7], "lit");
    assert_int_equal(row.vals[0].type, TIDE_V_BOOL);
    assert_int_equal(row.vals[0].u.b, 1);
    assert_int_equal(row.vals[1].type, TIDE_V_INT);
    assert_true(row.vals[1].u.i == INT64_MIN);
    assert_int_equal(row.vals[2].type, TIDE_V_FLOAT);
    assert_true(row.vals[2].u.f == 0.1);
    assert_int_equal(row.vals[3].type, TIDE_V_TEXT);
    assert_int_equal(row.vals[3].u.s.len, strlen("it's ü?"));
    assert_memory_equal(row.vals[3].u.s.p, "it's ü?", row.vals[3].u.s.len);
    assert_int_equal(row.vals[4].type, TIDE_V_BLOB);
    assert_int_equal(row.vals[4].u.s.len, sizeof blob);
    assert_memory_equal(row.vals[4].u.s.p, blob, sizeof blob);
    assert_int_equal(row.vals[5].type, TIDE_V_NULL);
    assert_int_equal(row.vals[6].type, TIDE_V_TEXT);
    assert_int_equal(row.vals[6].u.s.len, 0);
    assert_int_equal(drv->step(cur, &row, &err), 0);
    assert_int_equal(drv->step(cur, &row, &err), 0);   /* stays at the end */
    assert_int_equal(drv->affected(cur), 0);
    drv->finish(cur);
    drv->close(c);
}

static void test_affected(void **state)
{
    tide_dconn *c = open_ok("sqlite::memory:");
    (void)state;
    script_ok(c, "CREATE TABLE t(x INTEGER); INSERT INTO t VALUES (1), (2), (3)");
    assert_int_equal(exec_ok(c, "UPDATE t SET x = x + 1 WHERE x > 1", NULL, 0), 2);
    /* DDL after DML must not report the UPDATE's count again */
    assert_int_equal(exec_ok(c, "CREATE TABLE u(y)", NULL, 0), 0);
    assert_int_equal(exec_ok(c, "DELETE FROM t WHERE x > 100", NULL, 0), 0);
    assert_int_equal(exec_ok(c, "DELETE FROM t", NULL, 0), 3);
    drv->close(c);
}

static void test_bool_decltype(void **state)
{
    tide_dcursor *cur = NULL;
    tide_row row;
    tide_err err;
    tide_dconn *c = open_ok("sqlite::memory:");
    (void)state;
    script_ok(c, "CREATE TABLE t(a bool, b Boolean, c INT, d BOOLEAN);"
                 "INSERT INTO t VALUES (0, 1, 1, 'yes')");
    assert_int_equal(drv->query(c, "SELECT a, b, c, d, a + 0 FROM t", NULL, 0, &cur, &err), 0);
    assert_int_equal(drv->step(cur, &row, &err), 1);
    assert_int_equal(row.vals[0].type, TIDE_V_BOOL);
    assert_int_equal(row.vals[0].u.b, 0);
    assert_int_equal(row.vals[1].type, TIDE_V_BOOL);
    assert_int_equal(row.vals[1].u.b, 1);
    assert_int_equal(row.vals[2].type, TIDE_V_INT);
    assert_int_equal(row.vals[3].type, TIDE_V_TEXT);   /* not an integer: as stored */
    assert_int_equal(row.vals[4].type, TIDE_V_INT);    /* an expression has no decltype */
    drv->finish(cur);
    drv->close(c);
}

static void test_param_count(void **state)
{
    tide_value one = { .type = TIDE_V_INT, .u.i = 1 };
    tide_dcursor *cur = NULL;
    tide_err err;
    tide_dconn *c = open_ok("sqlite::memory:");
    (void)state;
    assert_int_equal(drv->query(c, "SELECT ?, ?", &one, 1, &cur, &err), TIDE_EINVAL);
    assert_null(cur);
    assert_non_null(strstr(err.msg, "2 placeholders"));
    assert_non_null(strstr(err.msg, "1 parameter was"));
    assert_string_equal(err.sql, "SELECT ?, ?");
    assert_int_equal(drv->query(c, "SELECT ?", NULL, 0, &cur, &err), TIDE_EINVAL);
    assert_int_equal(drv->query(c, "SELECT 1", &one, 1, &cur, &err), TIDE_EINVAL);
    assert_non_null(strstr(err.msg, "0 placeholders but 1 parameter"));
    drv->close(c);
}

static void test_one_statement(void **state)
{
    tide_dcursor *cur = NULL;
    tide_err err;
    tide_dconn *c = open_ok("sqlite::memory:");
    (void)state;
    assert_int_equal(drv->query(c, "SELECT 1; SELECT 2", NULL, 0, &cur, &err), TIDE_EINVAL);
    assert_string_equal(err.msg, "query runs one statement; use script for several");
    assert_null(cur);
    assert_int_equal(drv->query(c, "  -- only a comment\n", NULL, 0, &cur, &err), TIDE_EINVAL);
    assert_int_equal(exec_ok(c, "SELECT 1; -- trailing\n /* and this */ ;", NULL, 0), 0);
    drv->close(c);
}

static void test_sql_errors(void **state)
{
    tide_dcursor *cur = NULL;
    tide_row row;
    tide_err err;
    tide_dconn *c = open_ok("sqlite::memory:");
    (void)state;
    assert_int_equal(drv->query(c, "SELEC 1", NULL, 0, &cur, &err), TIDE_ESQL);
    assert_int_equal(err.code, TIDE_ESQL);
    assert_string_equal(err.msg, "SQL error: near \"SELEC\": syntax error");
    assert_string_equal(err.sql, "SELEC 1");
    assert_string_equal(err.sqlstate, "");

    /* foreign keys are enforced: the failure comes from step */
    script_ok(c, "CREATE TABLE p(id INTEGER PRIMARY KEY);"
                 "CREATE TABLE ch(p INTEGER REFERENCES p(id))");
    assert_int_equal(drv->query(c, "INSERT INTO ch VALUES (42)", NULL, 0, &cur, &err), 0);
    assert_int_equal(drv->step(cur, &row, &err), TIDE_ESQL);
    assert_string_equal(err.msg, "SQL error: FOREIGN KEY constraint failed");
    assert_string_equal(err.sql, "INSERT INTO ch VALUES (42)");
    assert_true(drv->step(cur, &row, &err) < 0);      /* a failed cursor stays failed */
    drv->finish(cur);
    drv->close(c);
}

static void test_script(void **state)
{
    tide_err err;
    tide_dconn *c = open_ok("sqlite::memory:");
    (void)state;
    script_ok(c,
        "CREATE TABLE t(x INTEGER);\n"
        "CREATE TABLE log(msg TEXT);;\n"
        "-- a trigger body holds ';' that do not end the statement\n"
        "CREATE TRIGGER t_ins AFTER INSERT ON t BEGIN\n"
        "  INSERT INTO log VALUES ('a;b');\n"
        "  INSERT INTO log VALUES ('x=' || new.x);\n"
        "END;\n"
        "INSERT INTO t VALUES (7);\n"
        "SELECT * FROM log;\n"
        "/* done */");
    assert_int_equal(scalar(c, "SELECT count(*) FROM log"), 2);
    assert_int_equal(drv->script(c, "", &err), 0);
    assert_int_equal(drv->script(c, " ; -- nothing\n", &err), 0);

    /* a failure stops the script and names the failing statement */
    assert_int_equal(drv->script(c, "INSERT INTO t VALUES (1);\n"
                                    "  INSERT INTO nope VALUES (2);\n"
                                    "INSERT INTO t VALUES (3);", &err), TIDE_ESQL);
    assert_string_equal(err.msg, "SQL error: no such table: nope");
    assert_string_equal(err.sql, "INSERT INTO nope VALUES (2);");
    assert_int_equal(scalar(c, "SELECT count(*) FROM t"), 2);

    /* a failing trigger statement is reported whole */
    assert_int_equal(drv->script(c, "CREATE TRIGGER bad AFTER INSERT ON t BEGIN\n"
                                    "  INSERT INTO log VALUES (1);\n  SELEC 2;\nEND;\n"
                                    "SELECT 1;", &err), TIDE_ESQL);
    assert_non_null(strstr(err.sql, "CREATE TRIGGER bad"));
    assert_non_null(strstr(err.sql, "END;"));
    assert_null(strstr(err.sql, "SELECT 1"));

    /* a failure at step time */
    assert_int_equal(drv->script(c, "CREATE TABLE u(x UNIQUE); INSERT INTO u VALUES (1);"
                                    " INSERT INTO u VALUES (1);", &err), TIDE_ESQL);
    assert_string_equal(err.msg, "SQL error: UNIQUE constraint failed: u.x");
    assert_string_equal(err.sql, "INSERT INTO u VALUES (1);");
    drv->close(c);
}

static void test_transactions(void **state)
{
    tide_err err;
    tide_dconn *c = open_ok("sqlite::memory:");
    (void)state;
    script_ok(c, "CREATE TABLE t(x INTEGER)");
    assert_int_equal(drv->commit(c, &err), TIDE_EINVAL);
    assert_string_equal(err.msg, "no transaction is open");
    assert_int_equal(drv->rollback(c, &err), TIDE_EINVAL);

    assert_int_equal(drv->begin(c, &err), 0);
    assert_int_equal(drv->txdepth(c), 1);
    exec_ok(c, "INSERT INTO t VALUES (1)", NULL, 0);
    assert_int_equal(drv->begin(c, &err), 0);
    assert_int_equal(drv->txdepth(c), 2);
    exec_ok(c, "INSERT INTO t VALUES (2)", NULL, 0);
    assert_int_equal(drv->begin(c, &err), 0);
    exec_ok(c, "INSERT INTO t VALUES (3)", NULL, 0);
    assert_int_equal(drv->commit(c, &err), 0);          /* releases level 3 into 2 */
    assert_int_equal(drv->rollback(c, &err), 0);        /* drops 2 and 3 */
    assert_int_equal(drv->txdepth(c), 1);
    assert_int_equal(scalar(c, "SELECT count(*) FROM t"), 1);
    assert_int_equal(drv->begin(c, &err), 0);           /* the savepoint name is reusable */
    exec_ok(c, "INSERT INTO t VALUES (4)", NULL, 0);
    assert_int_equal(drv->commit(c, &err), 0);
    assert_int_equal(drv->commit(c, &err), 0);
    assert_int_equal(drv->txdepth(c), 0);
    assert_int_equal(scalar(c, "SELECT sum(x) FROM t"), 5);

    assert_int_equal(drv->begin(c, &err), 0);
    exec_ok(c, "INSERT INTO t VALUES (100)", NULL, 0);
    assert_int_equal(drv->rollback(c, &err), 0);
    assert_int_equal(scalar(c, "SELECT sum(x) FROM t"), 5);
    drv->close(c);
}

/* SQLite can end the transaction by itself; depth must follow. */
static void test_auto_rollback(void **state)
{
    tide_dcursor *cur = NULL;
    tide_row row;
    tide_err err;
    tide_dconn *c = open_ok("sqlite::memory:");
    (void)state;
    script_ok(c, "CREATE TABLE t(x INTEGER);"
                 "CREATE TRIGGER no_neg BEFORE INSERT ON t WHEN new.x < 0 BEGIN "
                 "SELECT RAISE(ROLLBACK, 'negative'); END");
    assert_int_equal(drv->begin(c, &err), 0);
    assert_int_equal(drv->begin(c, &err), 0);
    exec_ok(c, "INSERT INTO t VALUES (1)", NULL, 0);
    assert_int_equal(drv->query(c, "INSERT INTO t VALUES (-1)", NULL, 0, &cur, &err), 0);
    assert_int_equal(drv->step(cur, &row, &err), TIDE_ESQL);
    assert_string_equal(err.msg, "SQL error: negative");
    drv->finish(cur);
    assert_int_equal(drv->txdepth(c), 0);
    assert_int_equal(drv->rollback(c, &err), 0);       /* unwinding still works */
    assert_int_equal(drv->rollback(c, &err), 0);
    assert_int_equal(drv->rollback(c, &err), TIDE_EINVAL);
    assert_int_equal(scalar(c, "SELECT count(*) FROM t"), 0);

    assert_int_equal(drv->begin(c, &err), 0);
    assert_int_equal(drv->script(c, "INSERT INTO t VALUES (-2)", &err), TIDE_ESQL);
    assert_int_equal(drv->commit(c, &err), TIDE_ESQL);  /* nothing to commit any more */
    assert_int_equal(drv->txdepth(c), 0);
    assert_int_equal(drv->begin(c, &err), 0);           /* a fresh BEGIN works */
    assert_int_equal(drv->txdepth(c), 1);
    assert_int_equal(drv->commit(c, &err), 0);
    drv->close(c);
}

static void test_close_rolls_back(void **state)
{
    tide_err err;
    tide_dconn *c = open_file("close.db");
    (void)state;
    script_ok(c, "CREATE TABLE t(x)");
    assert_int_equal(drv->begin(c, &err), 0);
    assert_int_equal(drv->begin(c, &err), 0);
    exec_ok(c, "INSERT INTO t VALUES (1)", NULL, 0);
    drv->close(c);
    c = open_file("close.db");
    assert_int_equal(scalar(c, "SELECT count(*) FROM t"), 0);
    assert_int_equal(scalar(c, "PRAGMA foreign_keys"), 1);
    drv->close(c);
}

/* A child process with its own connection must wait for the parent's lock. */
static int child_lock_result(int timeout_ms)
{
    tide_err err;
    tide_dconn *c;
    int rc, status = 0;
    pid_t pid = fork();
    if (pid == 0) {
        c = open_file("lock.db");
        rc = drv->lock(c, "tide", timeout_ms, &err);
        drv->close(c);
        _exit(rc == TIDE_ELOCKED ? 1 : rc == 0 ? 0 : 2);
    }
    assert_true(pid > 0);
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status));
    return WEXITSTATUS(status);
}

static void test_lock(void **state)
{
    struct stat st;
    tide_err err;
    tide_dconn *a = open_file("lock.db"), *b = open_file("lock.db");
    mode_t mask = umask(0);
    (void)state;
    umask(mask);
    assert_int_equal(drv->lock(a, "tide_migrations", 1000, &err), 0);
    assert_int_equal(stat(path_in_tmp("lock.db.tide-lock"), &st), 0);
    assert_int_equal(st.st_mode & 0777, 0644 & ~mask);
    assert_int_equal(drv->lock(a, "tide_migrations", 0, &err), 0);   /* held already */

    assert_int_equal(drv->lock(b, "tide_migrations", 100, &err), TIDE_ELOCKED);
    assert_non_null(strstr(err.msg, "could not take the migration lock 'tide_migrations' on '"));
    assert_non_null(strstr(err.msg, "lock.db' within 0.1 s: another tide run holds it "
                                    "(raise migrations.lockTimeout or wait)"));
    assert_int_equal(child_lock_result(100), 1);

    assert_int_equal(drv->unlock(a, "tide_migrations", &err), 0);
    assert_int_equal(drv->unlock(a, "tide_migrations", &err), 0);   /* idempotent */
    assert_int_equal(drv->lock(b, "tide_migrations", 100, &err), 0);
    assert_int_equal(child_lock_result(100), 1);
    drv->close(b);                                      /* close releases it */
    assert_int_equal(child_lock_result(100), 0);
    assert_int_equal(drv->lock(a, "tide_migrations", 100, &err), 0);
    drv->close(a);
}

static void test_lock_memory(void **state)
{
    tide_err err;
    tide_dconn *a = open_ok("sqlite::memory:"), *b = open_ok("sqlite::memory:");
    (void)state;
    assert_int_equal(drv->lock(a, "k", 0, &err), 0);
    assert_int_equal(drv->lock(b, "k", 0, &err), 0);
    assert_int_equal(drv->unlock(a, "k", &err), 0);
    drv->close(a);
    drv->close(b);
}

static void test_connect_errors(void **state)
{
    char url[4200], want[8500], dir[4096];
    tide_dconn *c = (tide_dconn *)&c;
    tide_err err;
    FILE *f;
    (void)state;
    snprintf(url, sizeof url, "sqlite:%s", path_in_tmp("missing/x.db"));
    assert_int_equal(open_url(url, &c, &err), TIDE_ECONNECT);
    assert_null(c);
    snprintf(dir, sizeof dir, "%s", path_in_tmp("missing"));
    snprintf(want, sizeof want, "cannot open SQLite database '%s': directory '%s' does not "
             "exist (create it first)", path_in_tmp("missing/x.db"), dir);
    assert_string_equal(err.msg, want);

    f = fopen(path_in_tmp("junk.db"), "w");
    assert_non_null(f);
    fputs("this is not a database, just some text that is long enough to be a header\n", f);
    fclose(f);
    snprintf(url, sizeof url, "sqlite:%s", path_in_tmp("junk.db"));
    assert_int_equal(open_url(url, &c, &err), TIDE_ECONNECT);
    assert_non_null(strstr(err.msg, "file is not a database"));

    snprintf(url, sizeof url, "sqlite:%s", path_in_tmp("junk.db/x.db"));
    assert_int_equal(open_url(url, &c, &err), TIDE_ECONNECT);
    assert_non_null(strstr(err.msg, "is not a directory"));
}

/* "file:" names a file, never a URI, whatever SQLite was built with. */
static void test_file_prefix_is_a_path(void **state)
{
    char cwd[4096];
    struct stat st;
    tide_dconn *c;
    (void)state;
    assert_non_null(getcwd(cwd, sizeof cwd));
    assert_int_equal(chdir(tmpdir), 0);
    c = open_ok("sqlite:file:uri.db?mode=ro");
    script_ok(c, "CREATE TABLE t(x)");
    drv->close(c);
    assert_int_equal(stat("file:uri.db?mode=ro", &st), 0);
    assert_int_equal(chdir(cwd), 0);
}

static void check_literal(tide_dconn *c, const tide_value *v, const char *want,
                          const char *want_type)
{
    tide_buf sql = TIDE_BUF_INIT;
    tide_dcursor *cur = NULL;
    tide_row row;
    tide_err err;
    size_t lit;
    assert_int_equal(tide_buf_puts(&sql, "SELECT typeof(v), v = ? FROM (SELECT "), 0);
    lit = sql.len;
    assert_int_equal(drv->quote_literal(&sql, v), 0);
    assert_memory_equal(sql.data + lit, want, strlen(want));
    assert_int_equal(sql.len - lit, strlen(want));
    assert_int_equal(tide_buf_puts(&sql, " AS v)"), 0);
    assert_int_equal(drv->query(c, sql.data, v, 1, &cur, &err), 0);
    assert_int_equal(drv->step(cur, &row, &err), 1);
    assert_memory_equal(row.vals[0].u.s.p, want_type, strlen(want_type));
    if (v->type != TIDE_V_NULL)                        /* the literal reads back as v */
        assert_int_equal(row.vals[1].u.i, 1);
    drv->finish(cur);
    tide_buf_free(&sql);
}

static void test_quoting(void **state)
{
    tide_buf b = TIDE_BUF_INIT;
    tide_value v;
    tide_dconn *c = open_ok("sqlite::memory:");
    (void)state;
    assert_int_equal(drv->quote_ident(&b, "we\"ird name"), 0);
    assert_string_equal(b.data, "\"we\"\"ird name\"");
    tide_buf_reset(&b);
    assert_int_equal(drv->quote_ident(&b, ""), 0);
    assert_string_equal(b.data, "\"\"");
    tide_buf_free(&b);

    v.type = TIDE_V_NULL;                        check_literal(c, &v, "NULL", "null");
    v.type = TIDE_V_BOOL;  v.u.b = 5;            check_literal(c, &v, "1", "integer");
    v.type = TIDE_V_BOOL;  v.u.b = 0;            check_literal(c, &v, "0", "integer");
    v.type = TIDE_V_INT;   v.u.i = INT64_MIN;    check_literal(c, &v, "-9223372036854775808", "integer");
    v.type = TIDE_V_FLOAT; v.u.f = 1.0;          check_literal(c, &v, "1.0", "real");
    v.type = TIDE_V_FLOAT; v.u.f = -3e20;        check_literal(c, &v, "-3e+20", "real");
    v.type = TIDE_V_FLOAT; v.u.f = 0.1;          check_literal(c, &v, "0.10000000000000001", "real");
    v.type = TIDE_V_FLOAT; v.u.f = 1e300 * 1e10; check_literal(c, &v, "9e999", "real");
    v.type = TIDE_V_TEXT;  v.u.s.p = "it's"; v.u.s.len = 4;
    check_literal(c, &v, "'it''s'", "text");
    v.u.s.p = "''"; v.u.s.len = 2;               check_literal(c, &v, "''''''", "text");
    v.u.s.p = "a\0b"; v.u.s.len = 3;             check_literal(c, &v, "CAST(X'610062' AS TEXT)", "text");
    v.u.s.p = NULL; v.u.s.len = 0;               check_literal(c, &v, "''", "text");
    v.type = TIDE_V_BLOB;  v.u.s.p = "\x01\xab"; v.u.s.len = 2;
    check_literal(c, &v, "X'01AB'", "blob");
    v.u.s.len = 0;                               check_literal(c, &v, "X''", "blob");
    drv->close(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_vtable_shape),
        cmocka_unit_test(test_bind_round_trip),
        cmocka_unit_test(test_affected),
        cmocka_unit_test(test_bool_decltype),
        cmocka_unit_test(test_param_count),
        cmocka_unit_test(test_one_statement),
        cmocka_unit_test(test_sql_errors),
        cmocka_unit_test(test_script),
        cmocka_unit_test(test_transactions),
        cmocka_unit_test(test_auto_rollback),
        cmocka_unit_test(test_close_rolls_back),
        cmocka_unit_test(test_lock),
        cmocka_unit_test(test_lock_memory),
        cmocka_unit_test(test_connect_errors),
        cmocka_unit_test(test_file_prefix_is_a_path),
        cmocka_unit_test(test_quoting),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
