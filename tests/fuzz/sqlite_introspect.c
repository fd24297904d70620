/* Fuzz target: SQLite introspection (drivers/sqlite/introspect.c), whose
 * hand-written lexer reads the CREATE statements SQLite keeps as they were
 * typed: a database file handed to tide is outside input. The input runs as
 * an SQL script in an in-memory database (no ATTACH or VACUUM INTO, a budget
 * of virtual-machine steps); whatever schema it leaves, even one written
 * through PRAGMA writable_schema, is introspected, finished and put through
 * checks.h. Introspection succeeds or fails with a message. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "checks.h"
#include "db/driver.h"
#include "sqlite/sqlite_internal.h"

#define STEP_BUDGET 2000          /* progress callbacks of 1000 steps each */

static int out_of_steps(void *ud)
{
    return ++*(int *)ud > STEP_BUDGET;
}

static int no_files(void *ud, int action, const char *a, const char *b, const char *c, const char *d)
{
    (void)ud; (void)a; (void)b; (void)c; (void)d;
    return action == SQLITE_ATTACH || action == SQLITE_DETACH ? SQLITE_DENY : SQLITE_OK;
}

static void introspect(tide_conn *conn)
{
    tide_introspect_opts opts = { NULL, 0, NULL, 0, 0 };
    tide_schema *s = tide_schema_new();
    tide_err err;
    int rc;
    if (!s)
        return;
    tide_err_clear(&err);
    rc = tide_conn__driver(conn)->introspect(tide_conn__dconn(conn), &opts, s, &err);
    if (rc == 0)
        rc = tide_schema_finish(s, &err);
    if (rc < 0 && !err.msg[0])
        abort();
    if (rc == 0)
        check_schema(s);
    tide_schema_free(s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *sql = malloc(size + 1);
    tide_conn *conn = NULL;
    tide_err err;
    int steps = 0;
    if (!sql)
        return 0;
    memcpy(sql, data, size);
    sql[size] = '\0';
    if (!strcasestr(sql, "vacuum") && tide_conn_open(&conn, "sqlite::memory:", &err) == 0) {
        sqlite3 *db = tide_conn__dconn(conn)->db;
        sqlite3_set_authorizer(db, no_files, NULL);
        sqlite3_progress_handler(db, 1000, out_of_steps, &steps);
        sqlite3_limit(db, SQLITE_LIMIT_LENGTH, 1 << 20);
        sqlite3_exec(db, sql, NULL, NULL, NULL);    /* what it leaves, failed or not */
        sqlite3_set_authorizer(db, NULL, NULL);
        steps = 0;
        introspect(conn);
    }
    tide_conn_close(conn);
    free(sql);
    return 0;
}
