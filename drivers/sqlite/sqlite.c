/* sqlite.c — the SQLite driver: the driver.h vtable over the sqlite3 C API.
 * SQLite has native `?` placeholders, transactional DDL and no server-side
 * advisory locks, so the runner's lock is flock(2) on a sidecar file
 * "<db>.tide-lock" next to the database. */
#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE 1      /* flock, nanosleep, clock_gettime under -std=c11 */
#endif
#include "sqlite_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define BUSY_TIMEOUT_MS 5000   /* default; TIDE_SQLITE_BUSY_TIMEOUT (ms) overrides */
#define LOCK_POLL_MS    25

enum cursor_state { CUR_FRESH, CUR_ROWS, CUR_DONE, CUR_FAILED };

struct tide_dcursor {
    tide_dconn *conn;
    sqlite3_stmt *stmt;
    enum cursor_state state;
    int ncols;
    char **names;
    unsigned char *is_bool;   /* per column: declared BOOL/BOOLEAN */
    tide_value *vals;
    int64_t changes_before;   /* sqlite3_total_changes64 at the first step */
    int64_t affected;
    tide_dstmt *owner;        /* a prepared statement's run: reset, not finalized */
};

struct tide_dstmt {
    tide_dconn *conn;
    sqlite3_stmt *stmt;
    int busy;                 /* a cursor of it is open */
};

/* ---- errors and small helpers ----------------------------------------- */

/* How long a statement waits for another process's lock on the database:
 * TIDE_SQLITE_BUSY_TIMEOUT in milliseconds, else BUSY_TIMEOUT_MS; -1 when
 * the variable is not a number of milliseconds. */
static int busy_timeout_ms(void)
{
    const char *v = getenv("TIDE_SQLITE_BUSY_TIMEOUT");
    char *end;
    long ms;
    if (!v || !*v)
        return BUSY_TIMEOUT_MS;
    errno = 0;
    ms = strtol(v, &end, 10);
    return *end || errno || ms < 0 || ms > INT_MAX ? -1 : (int)ms;
}

/* A rebuild's copy refused by a NOT NULL ("NOT NULL constraint failed:
 * <table>__tide_new.<column>"): a row of the old table has no value for a
 * column the new shape makes NOT NULL (a new one without a default, or a
 * nullable one holding NULL). Said with the table's own name and the way
 * out; 0 when msg is another error. */
static int rebuild_not_null(tide_err *err, const char *msg)
{
    static const char prefix[] = "NOT NULL constraint failed: ";
    const char *name, *dot, *suffix;
    size_t n = sizeof SQLITE_REBUILD_SUFFIX - 1;
    if (strncmp(msg, prefix, sizeof prefix - 1))
        return 0;
    name = msg + sizeof prefix - 1;
    if (!(dot = strrchr(name, '.')) || (size_t)(dot - name) <= n)
        return 0;
    suffix = dot - n;
    if (strncmp(suffix, SQLITE_REBUILD_SUFFIX, n))
        return 0;
    tide_err_set(err, TIDE_ESQL, "table %.*s cannot be rebuilt: column %s is NOT NULL in its new shape and "
                 "a row has no value for it (a new column without a default, or a nullable one holding "
                 "NULL); give the column a default, or add it nullable, fill it, then make it NOT NULL "
                 "(SQL error: %s)", (int)(suffix - name), name, dot + 1, msg);
    return 1;
}

/* Fills err from the connection's last error; sql (may be NULL) is the
 * statement that failed. BUSY and LOCKED get a sentence of their own because
 * SQLite's "database is locked" does not say whose lock or for how long; so
 * does a rebuild's copy that a NOT NULL refuses, which names a scratch table. */
static int sql_fail(tide_err *err, sqlite3 *db, int rc, const char *sql)
{
    const char *msg = sqlite3_errmsg(db);
    int code = TIDE_ESQL;
    switch (rc & 0xff) {
    case SQLITE_CONSTRAINT:
        if (!rebuild_not_null(err, msg))
            tide_err_set(err, code, "SQL error: %s", msg);
        break;
    case SQLITE_NOMEM:
        code = tide_err_set(err, TIDE_ENOMEM, "out of memory");
        break;
    case SQLITE_BUSY:
        tide_err_set(err, code, "SQL error: SQLite database '%s' is locked by another process "
                     "(waited %g s, the busy timeout); nothing was changed. Let that process "
                     "finish its write, then run again, or wait longer with "
                     "TIDE_SQLITE_BUSY_TIMEOUT=<milliseconds>", sqlite3_db_filename(db, "main"),
                     busy_timeout_ms() / 1000.0);
        break;
    case SQLITE_LOCKED:
        tide_err_set(err, code, "SQL error: %s (a statement of this connection is "
                     "still using it; finish open cursors first)", msg);
        break;
    default:
        tide_err_set(err, code, "SQL error: %s", msg);
    }
    tide_err_set_sql(err, sql);
    return code;
}

/* Past whitespace and comments; SQLite's own grammar for both. */
static const char *skip_blank(const char *p)
{
    for (;;) {
        while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f' || *p == '\v')
            p++;
        if (p[0] == '-' && p[1] == '-') {
            p += strcspn(p, "\n");
        } else if (p[0] == '/' && p[1] == '*') {
            const char *end = strstr(p + 2, "*/");
            p = end ? end + 2 : p + strlen(p);
        } else {
            return p;
        }
    }
}

/* Past whitespace, comments and empty statements. */
static const char *skip_empty(const char *p)
{
    for (p = skip_blank(p); *p == ';'; p = skip_blank(p + 1))
        ;
    return p;
}

static int64_t total_changes(sqlite3 *db)
{
#if SQLITE_VERSION_NUMBER >= 3037000
    return sqlite3_total_changes64(db);
#else
    return sqlite3_total_changes(db);
#endif
}

static int64_t last_changes(sqlite3 *db)
{
#if SQLITE_VERSION_NUMBER >= 3037000
    return sqlite3_changes64(db);
#else
    return sqlite3_changes(db);
#endif
}

/* ---- connect and close ------------------------------------------------ */

/* SQLite reports a missing directory as a bare "unable to open database
 * file"; say which directory is missing instead. */
static int check_parent_dir(const char *path, tide_err *err)
{
    const char *slash = strrchr(path, '/');
    char *dir;
    struct stat st;
    int rc = 0;
    if (!slash || slash == path)
        return 0;                      /* the cwd or "/" */
    if (!(dir = malloc((size_t)(slash - path) + 1)))
        return tide_err_set(err, TIDE_ENOMEM, "out of memory");
    memcpy(dir, path, (size_t)(slash - path));
    dir[slash - path] = '\0';
    if (stat(dir, &st) < 0)
        rc = tide_err_set(err, TIDE_ECONNECT, "cannot open SQLite database '%s': "
                          "directory '%s' does not exist (create it first)", path, dir);
    else if (!S_ISDIR(st.st_mode))
        rc = tide_err_set(err, TIDE_ECONNECT, "cannot open SQLite database '%s': "
                          "'%s' is not a directory", path, dir);
    free(dir);
    return rc;
}

static int is_memory(const char *path) { return !strcmp(path, ":memory:"); }

/* Opens the file and sets the connection up: busy timeout, foreign keys,
 * and a read of the schema so that "file is not a database" shows up here
 * rather than at the first migration. Without SQLite's mutexes: a
 * connection belongs to one thread at a time (tide.h). */
static int open_db(tide_dconn *c, tide_err *err)
{
    char *fixed = NULL;
    const char *name = c->path;
    int rc;
    if (!strncmp(name, "file:", 5)) {  /* never a URI, even if built with USE_URI */
        if (!(fixed = malloc(strlen(name) + 3)))
            return tide_err_set(err, TIDE_ENOMEM, "out of memory");
        name = strcat(strcpy(fixed, "./"), name);
    }
    rc = sqlite3_open_v2(name, &c->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
    free(fixed);
    if (!c->db)
        return tide_err_set(err, TIDE_ENOMEM, "out of memory");
    if (busy_timeout_ms() < 0)
        return tide_err_set(err, TIDE_ECONNECT, "cannot open SQLite database '%s': "
                            "TIDE_SQLITE_BUSY_TIMEOUT='%s' is not a number of milliseconds",
                            c->path, getenv("TIDE_SQLITE_BUSY_TIMEOUT"));
    if (rc == SQLITE_OK) {
        sqlite3_busy_timeout(c->db, busy_timeout_ms());
        rc = sqlite3_exec(c->db, "PRAGMA foreign_keys = ON; "
                          "SELECT count(*) FROM sqlite_master", NULL, NULL, NULL);
    }
    if (rc == SQLITE_NOMEM)
        return tide_err_set(err, TIDE_ENOMEM, "out of memory");
    if (rc != SQLITE_OK)
        return tide_err_set(err, TIDE_ECONNECT, "cannot open SQLite database '%s': %s",
                            c->path, sqlite3_errmsg(c->db));
    return 0;
}

/* The lock file sits next to the database under its absolute name, so a
 * later chdir cannot make two runs lock different files. */
static int set_lock_path(tide_dconn *c, tide_err *err)
{
    const char *file;
    if (is_memory(c->path))
        return 0;
    file = sqlite3_db_filename(c->db, "main");
    if (!file || !*file)
        file = c->path;
    if (!(c->lock_path = malloc(strlen(file) + sizeof ".tide-lock")))
        return tide_err_set(err, TIDE_ENOMEM, "out of memory");
    strcat(strcpy(c->lock_path, file), ".tide-lock");
    return 0;
}

static void dconn_free(tide_dconn *c)
{
    if (c->lock_fd >= 0)
        close(c->lock_fd);            /* releases the flock */
    sqlite3_close_v2(c->db);
    free(c->lock_path);
    free(c->path);
    free(c);
}

static int sqlite_connect(const tide_url *url, tide_dconn **out, tide_err *err)
{
    tide_dconn *c;
    int rc;
    *out = NULL;
    if (!url || !url->path || !*url->path)
        return tide_err_set(err, TIDE_EURL, "no SQLite database path given "
                            "(write sqlite:PATH or sqlite::memory:)");
    if (!(c = calloc(1, sizeof *c)))
        return tide_err_set(err, TIDE_ENOMEM, "out of memory");
    c->lock_fd = -1;
    if (!(c->path = tide_strdup(url->path))) {
        rc = tide_err_set(err, TIDE_ENOMEM, "out of memory");
        goto done;
    }
    if (!is_memory(c->path) && (rc = check_parent_dir(c->path, err)) < 0)
        goto done;
    if ((rc = open_db(c, err)) < 0 || (rc = set_lock_path(c, err)) < 0)
        goto done;
    *out = c;
    c = NULL;
done:
    if (c)
        dconn_free(c);
    return rc;
}

static void sqlite_close(tide_dconn *c)
{
    if (!c)
        return;
    if (!sqlite3_get_autocommit(c->db))
        sqlite3_exec(c->db, "ROLLBACK", NULL, NULL, NULL);
    dconn_free(c);
}

/* ---- statements ------------------------------------------------------- */

static int bind_one(sqlite3_stmt *stmt, int i, const tide_value *v)
{
    /* A NULL pointer would bind SQL NULL, not an empty string or blob. */
    const char *p = (v->type == TIDE_V_TEXT || v->type == TIDE_V_BLOB) && v->u.s.p
                    ? v->u.s.p : "";
    switch (v->type) {
    case TIDE_V_NULL:  return sqlite3_bind_null(stmt, i);
    case TIDE_V_BOOL:  return sqlite3_bind_int(stmt, i, v->u.b ? 1 : 0);
    case TIDE_V_INT:   return sqlite3_bind_int64(stmt, i, v->u.i);
    case TIDE_V_FLOAT: return sqlite3_bind_double(stmt, i, v->u.f);
    case TIDE_V_TEXT:
        return sqlite3_bind_text64(stmt, i, p, v->u.s.len, SQLITE_TRANSIENT, SQLITE_UTF8);
    case TIDE_V_BLOB:
        return sqlite3_bind_blob64(stmt, i, p, v->u.s.len, SQLITE_TRANSIENT);
    }
    return SQLITE_MISUSE;
}

static int bind_params(tide_dconn *c, sqlite3_stmt *stmt, const char *sql,
                       const tide_value *params, int nparams, tide_err *err)
{
    int i, rc, want = sqlite3_bind_parameter_count(stmt);
    if (want != nparams || (nparams > 0 && !params)) {
        tide_err_set(err, TIDE_EINVAL, "the statement has %d placeholder%s but %d "
                     "parameter%s %s given", want, want == 1 ? "" : "s", nparams,
                     nparams == 1 ? "" : "s", nparams == 1 ? "was" : "were");
        tide_err_set_sql(err, sql);
        return TIDE_EINVAL;
    }
    for (i = 0; i < nparams; i++) {
        if ((unsigned)params[i].type > TIDE_V_BLOB) {
            tide_err_set(err, TIDE_EINVAL, "parameter %d has an unknown type (%d)",
                         i + 1, (int)params[i].type);
            tide_err_set_sql(err, sql);
            return TIDE_EINVAL;
        }
        if ((rc = bind_one(stmt, i + 1, &params[i])) != SQLITE_OK)
            return sql_fail(err, c->db, rc, sql);
    }
    return 0;
}

/* Prepares exactly one statement of sql into *out. */
static int prepare_one(tide_dconn *c, const char *sql, sqlite3_stmt **out, tide_err *err)
{
    const char *tail = NULL;
    int rc = sqlite3_prepare_v2(c->db, sql, -1, out, &tail);
    if (rc != SQLITE_OK)
        return sql_fail(err, c->db, rc, sql);
    if (!*out)
        rc = tide_err_set(err, TIDE_EINVAL, "no SQL statement given "
                          "(the text is empty or only comments)");
    else if (*skip_empty(tail))
        rc = tide_err_set(err, TIDE_EINVAL, "query runs one statement; use script for several");
    else
        return 0;
    tide_err_set_sql(err, sql);
    sqlite3_finalize(*out);
    *out = NULL;
    return rc;
}

static int sqlite_query(tide_dconn *c, const char *sql, const tide_value *params,
                        int nparams, tide_dcursor **out, tide_err *err)
{
    sqlite3_stmt *stmt = NULL;
    tide_dcursor *cur = NULL;
    int rc;
    *out = NULL;
    if (!c || !sql)
        return tide_err_set(err, TIDE_EINVAL, "no connection or no SQL statement given");
    if ((rc = prepare_one(c, sql, &stmt, err)) < 0 ||
        (rc = bind_params(c, stmt, sql, params, nparams, err)) < 0)
        goto done;
    if (!(cur = calloc(1, sizeof *cur))) {
        rc = tide_err_set(err, TIDE_ENOMEM, "out of memory");
        goto done;
    }
    cur->conn = c;
    cur->stmt = stmt;
    stmt = NULL;
    *out = cur;
done:
    sqlite3_finalize(stmt);
    return rc;
}

/* ---- prepared statements ------------------------------------------------ */

static int sqlite_prepare(tide_dconn *c, const char *sql, tide_dstmt **out, tide_err *err)
{
    tide_dstmt *st;
    int rc;
    *out = NULL;
    if (!c || !sql)
        return tide_err_set(err, TIDE_EINVAL, "no connection or no SQL statement given");
    if (!(st = calloc(1, sizeof *st)))
        return tide_err_set(err, TIDE_ENOMEM, "out of memory");
    if ((rc = prepare_one(c, sql, &st->stmt, err)) < 0) {
        free(st);
        return rc;
    }
    st->conn = c;
    *out = st;
    return 0;
}

static int sqlite_run(tide_dstmt *st, const tide_value *params, int nparams, tide_dcursor **out,
                      tide_err *err)
{
    tide_dcursor *cur;
    int rc;
    *out = NULL;
    if (st->busy) {
        tide_err_set(err, TIDE_EINVAL, "the prepared statement is still running (a loop over its "
                     "rows is open); finish that loop first, or prepare it twice");
        tide_err_set_sql(err, sqlite3_sql(st->stmt));
        return TIDE_EINVAL;
    }
    sqlite3_reset(st->stmt);
    sqlite3_clear_bindings(st->stmt);
    if ((rc = bind_params(st->conn, st->stmt, sqlite3_sql(st->stmt), params, nparams, err)) < 0)
        return rc;
    if (!(cur = calloc(1, sizeof *cur)))
        return tide_err_set(err, TIDE_ENOMEM, "out of memory");
    cur->conn = st->conn;
    cur->stmt = st->stmt;
    cur->owner = st;
    st->busy = 1;
    *out = cur;
    return 0;
}

static void sqlite_unprepare(tide_dstmt *st)
{
    if (!st)
        return;
    sqlite3_finalize(st->stmt);
    free(st);
}

/* ---- cursors ---------------------------------------------------------- */

static int is_bool_decl(const char *decl)
{
    return decl && (!sqlite3_stricmp(decl, "BOOLEAN") || !sqlite3_stricmp(decl, "BOOL"));
}

/* Column names are copied on the first row: SQLite's pointers die when the
 * statement is re-prepared, which the first step may do (and which may change
 * the columns of a SELECT *). */
static int setup_columns(tide_dcursor *cur, tide_err *err)
{
    int i, n = sqlite3_column_count(cur->stmt);
    cur->names = calloc((size_t)n + 1, sizeof *cur->names);
    cur->is_bool = calloc((size_t)n + 1, 1);
    cur->vals = calloc((size_t)n + 1, sizeof *cur->vals);
    if (!cur->names || !cur->is_bool || !cur->vals)
        return tide_err_set(err, TIDE_ENOMEM, "out of memory");
    cur->ncols = n;                    /* names are freed up to ncols */
    for (i = 0; i < n; i++) {
        cur->names[i] = tide_strdup(sqlite3_column_name(cur->stmt, i));
        if (!cur->names[i])
            return tide_err_set(err, TIDE_ENOMEM, "out of memory");
        cur->is_bool[i] = (unsigned char)is_bool_decl(sqlite3_column_decltype(cur->stmt, i));
    }
    return 0;
}

static int read_column(tide_dcursor *cur, int i, tide_err *err)
{
    sqlite3_stmt *st = cur->stmt;
    tide_value *v = &cur->vals[i];
    const void *p = NULL;
    switch (sqlite3_column_type(st, i)) {
    case SQLITE_INTEGER:
        v->type = cur->is_bool[i] ? TIDE_V_BOOL : TIDE_V_INT;
        if (cur->is_bool[i])
            v->u.b = sqlite3_column_int64(st, i) != 0;
        else
            v->u.i = sqlite3_column_int64(st, i);
        return 0;
    case SQLITE_FLOAT:
        v->type = TIDE_V_FLOAT;
        v->u.f = sqlite3_column_double(st, i);
        return 0;
    case SQLITE_NULL:
        v->type = TIDE_V_NULL;
        return 0;
    case SQLITE_BLOB:
        v->type = TIDE_V_BLOB;
        p = sqlite3_column_blob(st, i);     /* before _bytes, as SQLite asks */
        break;
    default:
        v->type = TIDE_V_TEXT;
        p = sqlite3_column_text(st, i);
    }
    v->u.s.len = (size_t)sqlite3_column_bytes(st, i);
    if (!p && sqlite3_errcode(cur->conn->db) == SQLITE_NOMEM)
        return tide_err_set(err, TIDE_ENOMEM, "out of memory");
    v->u.s.p = p ? p : "";              /* an empty blob comes back as NULL */
    return 0;
}

static int fill_row(tide_dcursor *cur, tide_row *row, tide_err *err)
{
    int i, rc;
    if (!cur->names && (rc = setup_columns(cur, err)) < 0)
        return rc;
    for (i = 0; i < cur->ncols; i++)
        if ((rc = read_column(cur, i, err)) < 0)
            return rc;
    row->ncols = cur->ncols;
    row->names = (const char *const *)cur->names;
    row->vals = cur->vals;
    return 1;
}

/* affected: sqlite3_changes keeps the count of the last INSERT/UPDATE/DELETE
 * even across later DDL or SELECTs, so it only counts when this statement
 * moved the connection's total. */
static int sqlite_step(tide_dcursor *cur, tide_row *row, tide_err *err)
{
    sqlite3 *db;
    int rc;
    if (!cur)
        return tide_err_set(err, TIDE_EINVAL, "no cursor given");
    if (cur->state == CUR_DONE)
        return 0;                       /* stepping again would re-run it */
    if (cur->state == CUR_FAILED)
        return tide_err_set(err, TIDE_EINVAL, "the cursor failed earlier; close it");
    db = cur->conn->db;
    if (cur->state == CUR_FRESH)
        cur->changes_before = total_changes(db);
    rc = sqlite3_step(cur->stmt);
    if (rc == SQLITE_ROW) {
        cur->state = CUR_ROWS;
        if ((rc = fill_row(cur, row, err)) < 0)
            cur->state = CUR_FAILED;
        return rc;
    }
    if (rc == SQLITE_DONE) {
        cur->state = CUR_DONE;
        cur->affected = total_changes(db) != cur->changes_before ? last_changes(db) : 0;
        return 0;
    }
    cur->state = CUR_FAILED;
    return sql_fail(err, db, rc, sqlite3_sql(cur->stmt));
}

static int64_t sqlite_affected(const tide_dcursor *cur)
{
    return cur ? cur->affected : 0;
}

static int sqlite_ncols(const tide_dcursor *cur)
{
    if (!cur)
        return 0;
    return cur->names ? cur->ncols : sqlite3_column_count(cur->stmt);
}

static void sqlite_finish(tide_dcursor *cur)
{
    int i;
    if (!cur)
        return;
    if (cur->owner) {
        sqlite3_reset(cur->stmt);
        cur->owner->busy = 0;
    } else {
        sqlite3_finalize(cur->stmt);
    }
    for (i = 0; i < cur->ncols; i++)
        free(cur->names[i]);
    free(cur->names);
    free(cur->is_bool);
    free(cur->vals);
    free(cur);
}

/* ---- scripts ---------------------------------------------------------- */

/* The statement starting at p, up to the `;` that completes it (a trigger's
 * body holds `;`s that do not), as a malloc'd string for err->sql. */
static char *statement_at(const char *p)
{
    tide_buf b = TIDE_BUF_INIT;
    const char *q = p;
    while ((q = strchr(q, ';')) != NULL) {
        tide_buf_reset(&b);
        if (tide_buf_add(&b, p, (size_t)(q + 1 - p)) < 0)
            break;
        if (sqlite3_complete(b.data))
            return tide_buf_detach(&b);
        q++;
    }
    tide_buf_free(&b);
    return tide_strdup(p);
}

/* Runs the statement in stmt to its end, discarding rows. */
static int run_stmt(sqlite3 *db, sqlite3_stmt *stmt, tide_err *err)
{
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
        ;
    if (rc == SQLITE_DONE)
        return 0;
    return sql_fail(err, db, rc, skip_blank(sqlite3_sql(stmt)));
}

/* sqlite3_prepare_v2's tail pointer splits the script with SQLite's own
 * tokenizer, so `;` inside strings and trigger bodies is never a break. */
static int run_script(sqlite3 *db, const char *sql, tide_err *err)
{
    sqlite3_stmt *stmt = NULL;
    const char *p = skip_empty(sql), *tail = NULL;
    int rc = 0;
    while (*p) {
        if ((rc = sqlite3_prepare_v2(db, p, -1, &stmt, &tail)) != SQLITE_OK) {
            char *failed = statement_at(p);
            rc = sql_fail(err, db, rc, failed ? failed : p);
            free(failed);
            break;
        }
        if (stmt && (rc = run_stmt(db, stmt, err)) < 0)
            break;
        sqlite3_finalize(stmt);
        stmt = NULL;
        if (tail == p)                  /* no progress: cannot happen, never loop */
            break;
        p = skip_empty(tail);
    }
    sqlite3_finalize(stmt);
    return rc;
}

static int sqlite_script(tide_dconn *c, const char *sql, tide_err *err)
{
    if (!c || !sql)
        return tide_err_set(err, TIDE_EINVAL, "no connection or no SQL script given");
    return run_script(c->db, sql, err);
}

/* ---- transactions ----------------------------------------------------- */

/* SQLite may roll a whole transaction back by itself (a RAISE(ROLLBACK),
 * ON CONFLICT ROLLBACK, a full disk). depth still counts the levels the
 * caller opened so that its rollbacks unwind cleanly; in_tx says whether the
 * database still has the transaction. */
static int in_tx(const tide_dconn *c) { return !sqlite3_get_autocommit(c->db); }

static int sqlite_txdepth(const tide_dconn *c)
{
    return c && in_tx(c) ? c->depth : 0;
}

/* fmt names the savepoint level once or twice; C ignores the unused copy. */
static int tx_run(tide_dconn *c, const char *fmt, int level, tide_err *err)
{
    char sql[128];
    snprintf(sql, sizeof sql, fmt, level, level);
    return run_script(c->db, sql, err);
}

static int sqlite_begin(tide_dconn *c, tide_err *err)
{
    int rc;
    if (!c)
        return tide_err_set(err, TIDE_EINVAL, "no connection given");
    if (!in_tx(c))
        c->depth = 0;
    if (c->depth == 0)
        rc = run_script(c->db, "BEGIN", err);
    else
        rc = tx_run(c, "SAVEPOINT tide_sp_%d", c->depth, err);
    if (rc == 0)
        c->depth++;
    return rc;
}

static int sqlite_commit(tide_dconn *c, tide_err *err)
{
    int rc;
    if (!c || c->depth == 0)
        return tide_err_set(err, TIDE_EINVAL, "no transaction is open");
    if (!in_tx(c)) {
        c->depth--;
        return tide_err_set(err, TIDE_ESQL, "cannot commit: SQLite already rolled the "
                            "transaction back after an earlier error; nothing was saved");
    }
    if (c->depth == 1)
        rc = run_script(c->db, "COMMIT", err);
    else
        rc = tx_run(c, "RELEASE SAVEPOINT tide_sp_%d", c->depth - 1, err);
    if (rc == 0 || !in_tx(c))          /* a failed COMMIT may still end it */
        c->depth--;
    return rc;
}

static int sqlite_rollback(tide_dconn *c, tide_err *err)
{
    int rc;
    if (!c || c->depth == 0)
        return tide_err_set(err, TIDE_EINVAL, "no transaction is open");
    if (!in_tx(c)) {                    /* rolled back already: just unwind */
        c->depth--;
        return 0;
    }
    if (c->depth == 1)
        rc = run_script(c->db, "ROLLBACK", err);
    else
        rc = tx_run(c, "ROLLBACK TO SAVEPOINT tide_sp_%d; RELEASE SAVEPOINT tide_sp_%d",
                    c->depth - 1, err);
    if (rc == 0 || !in_tx(c))
        c->depth--;
    return rc;
}

/* ---- the runner's lock ------------------------------------------------ */



/* flock, not fcntl locks: each open() gets its own lock, so two connections
 * of one process exclude each other too, and closing the fd releases it. */
static int take_flock(tide_dconn *c, int fd, const char *key, int timeout_ms, tide_err *err)
{
    int64_t deadline = tide_now_ms() + (timeout_ms > 0 ? timeout_ms : 0);
    for (;;) {
        int64_t left;
        if (flock(fd, LOCK_EX | LOCK_NB) == 0)
            return 0;
        if (c->interrupted)
            return tide_err_set(err, TIDE_EINTR, "interrupted while waiting for the migration "
                                "lock on '%s'", c->path);
        if (errno == EINTR)
            continue;
        if (errno != EWOULDBLOCK)
            return tide_err_set(err, TIDE_EIO, "cannot lock '%s': %s", c->lock_path,
                                strerror(errno));
        if ((left = deadline - tide_now_ms()) <= 0)
            break;
        tide_sleep_ms(left < LOCK_POLL_MS ? (int)left : LOCK_POLL_MS);
    }
    return tide_err_set(err, TIDE_ELOCKED, "could not take the migration lock '%s' on '%s' "
                        "within %g s: another tide run holds it (raise migrations.lockTimeout "
                        "or wait)", key ? key : "tide", c->path,
                        (timeout_ms > 0 ? timeout_ms : 0) / 1000.0);
}

static int sqlite_lock(tide_dconn *c, const char *key, int timeout_ms, tide_err *err)
{
    int fd, rc;
    if (!c)
        return tide_err_set(err, TIDE_EINVAL, "no connection given");
    c->interrupted = 0;
    if (!c->lock_path || c->lock_fd >= 0)
        return 0;                       /* :memory: is private; held already */
    fd = open(c->lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0)
        return tide_err_set(err, TIDE_EIO, "cannot create the lock file '%s': %s "
                            "(is the directory writable?)", c->lock_path, strerror(errno));
    if ((rc = take_flock(c, fd, key, timeout_ms, err)) < 0) {
        close(fd);
        return rc;
    }
    c->lock_fd = fd;
    return 0;
}

static int sqlite_unlock(tide_dconn *c, const char *key, tide_err *err)
{
    (void)key;
    (void)err;
    if (c && c->lock_fd >= 0) {
        close(c->lock_fd);
        c->lock_fd = -1;
    }
    return 0;
}

/* From a signal handler: both calls only set flags. */
static void sqlite_interrupt(tide_dconn *c)
{
    c->interrupted = 1;
    sqlite3_interrupt(c->db);
}

/* ---- quoting ---------------------------------------------------------- */

/* Undoes a partial append, so a failed quote leaves out as it was. */
static int truncate_to(tide_buf *out, size_t len, int rc)
{
    if (rc < 0 && out->data) {
        out->len = len;
        out->data[len] = '\0';
    }
    return rc;
}

static int sqlite_quote_ident(tide_buf *out, const char *ident)
{
    size_t len0 = out->len;
    int rc = ident ? tide_buf_putc(out, '"') : TIDE_EINVAL;
    if (rc == 0)
        rc = tide_buf_put_doubled(out, ident, '"');
    if (rc == 0)
        rc = tide_buf_putc(out, '"');
    return truncate_to(out, len0, rc);
}

static int put_hex(tide_buf *out, const char *p, size_t n)
{
    static const char digits[] = "0123456789ABCDEF";
    size_t i;
    int rc = tide_buf_add(out, "X'", 2);
    for (i = 0; rc == 0 && i < n; i++) {
        char two[2] = { digits[(unsigned char)p[i] >> 4], digits[(unsigned char)p[i] & 15] };
        rc = tide_buf_add(out, two, 2);
    }
    return rc ? rc : tide_buf_putc(out, '\'');
}

static int put_text(tide_buf *out, const char *p, size_t n)
{
    size_t i, run = 0;
    int rc;
    if (n && memchr(p, '\0', n)) {     /* no text literal can hold a NUL byte */
        if ((rc = tide_buf_puts(out, "CAST(")) < 0 || (rc = put_hex(out, p, n)) < 0)
            return rc;
        return tide_buf_puts(out, " AS TEXT)");
    }
    rc = tide_buf_putc(out, '\'');
    for (i = 0; rc == 0 && i < n; i++) {
        if (p[i] != '\'')
            continue;
        rc = tide_buf_add(out, p + run, i + 1 - run);
        run = i;                        /* the quote is written again: doubled */
    }
    if (rc == 0)
        rc = tide_buf_add(out, p + run, n - run);
    return rc ? rc : tide_buf_putc(out, '\'');
}

/* %.17g round-trips every double; ".0" keeps 1.0 a REAL rather than an
 * INTEGER, and 9e999 is how SQLite spells infinity (NaN is NULL to it). */
static int put_float(tide_buf *out, double f)
{
    char num[40];
    if (isnan(f))
        return tide_buf_puts(out, "NULL");
    if (isinf(f))
        return tide_buf_puts(out, f > 0 ? "9e999" : "-9e999");
    snprintf(num, sizeof num, "%.17g", f);
    if (!strpbrk(num, ".e"))
        strcat(num, ".0");
    return tide_buf_puts(out, num);
}

static int sqlite_quote_literal(tide_buf *out, const tide_value *v)
{
    size_t len0 = out->len;
    const char *p = "";
    int rc;
    if (!v)
        return TIDE_EINVAL;
    if ((v->type == TIDE_V_TEXT || v->type == TIDE_V_BLOB) && v->u.s.p)
        p = v->u.s.p;
    switch (v->type) {
    case TIDE_V_NULL:  rc = tide_buf_puts(out, "NULL"); break;
    case TIDE_V_BOOL:  rc = tide_buf_puts(out, v->u.b ? "1" : "0"); break;
    case TIDE_V_INT:   rc = tide_buf_printf(out, "%" PRId64, v->u.i); break;
    case TIDE_V_FLOAT: rc = put_float(out, v->u.f); break;
    case TIDE_V_TEXT:  rc = put_text(out, p, v->u.s.len); break;
    case TIDE_V_BLOB:  rc = put_hex(out, p, v->u.s.len); break;
    default:           return TIDE_EINVAL;
    }
    return truncate_to(out, len0, rc);
}

/* ---- foreign keys while migrating -------------------------------------- */

/* The rows that break a foreign key, counted per table and the table's
 * b-tree (rootpage: a table rebuilt or renamed is another one). */
#define FK_BROKEN_BY_TABLE \
    "SELECT lower(f.\"table\") AS tbl, (SELECT m.rootpage FROM main.sqlite_master m " \
    "WHERE m.type = 'table' AND m.name = f.\"table\") AS root, count(*) AS n " \
    "FROM pragma_foreign_key_check f GROUP BY 1, 2"

/* PRAGMA foreign_keys is a no-op inside a transaction, hence "outside".
 * The rows that already break a foreign key are noted (a temp table of
 * this connection, no part of the database): one that ran with checks off,
 * SQLite's default, may hold some, and a migration that neither adds to
 * them nor writes their table again is not stopped by them (fk_check). */
static int sqlite_fk_disable(tide_dconn *c, int *disabled, tide_err *err)
{
    int rc = run_script(c->db, "PRAGMA foreign_keys = OFF", err);
    *disabled = rc == 0;
    if (rc == 0)
        rc = run_script(c->db, "DROP TABLE IF EXISTS temp.tide_fk_before; "
                        "CREATE TEMP TABLE tide_fk_before AS " FK_BROKEN_BY_TABLE, err);
    return rc;
}

static int sqlite_fk_enable(tide_dconn *c, tide_err *err)
{
    return run_script(c->db, "PRAGMA foreign_keys = ON", err);
}

/* Rows that break a foreign key in a table that holds more of them than
 * before the migration, or was written again (rebuilt, renamed, new),
 * reported as "'table' row N references 'parent'". */
static int sqlite_fk_check(tide_dconn *c, tide_err *err)
{
    static const char *sql =
        "SELECT f.\"table\", f.rowid, f.parent FROM pragma_foreign_key_check f "
        "WHERE lower(f.\"table\") IN (SELECT a.tbl FROM (" FK_BROKEN_BY_TABLE ") a "
        "LEFT JOIN temp.tide_fk_before b ON b.tbl = a.tbl AND b.root IS a.root "
        "WHERE a.n > coalesce(b.n, 0))";
    sqlite3_stmt *stmt = NULL;
    tide_buf first = TIDE_BUF_INIT;
    int rc, n = 0;
    if ((rc = sqlite3_prepare_v2(c->db, sql, -1, &stmt, NULL)) != SQLITE_OK)
        return sql_fail(err, c->db, rc, sql);
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
        if (++n <= 3)
            tide_buf_printf(&first, "%s'%s' row %lld references '%s'", n > 1 ? "; " : "",
                            (const char *)sqlite3_column_text(stmt, 0),
                            (long long)sqlite3_column_int64(stmt, 1),
                            (const char *)sqlite3_column_text(stmt, 2));
    if (rc != SQLITE_DONE)
        rc = sql_fail(err, c->db, rc, sql);
    else if (n > 0)
        rc = tide_err_set(err, TIDE_ESQL, "foreign key check failed: %d row%s break%s a foreign key "
                          "(%s%s); fix the data in the migration, nothing was committed",
                          n, n == 1 ? "" : "s", n == 1 ? "s" : "", first.data ? first.data : "",
                          n > 3 ? "; ..." : "");
    else
        rc = 0;
    sqlite3_finalize(stmt);
    tide_buf_free(&first);
    return rc;
}

static const char *const sqlite_schemes[] = { "sqlite", NULL };

const tide_driver tide_sqlite_driver = {
    .version = TIDE_DRIVER_VERSION,
    .name = "sqlite",
    .transactional_ddl = 1,
    .connect = sqlite_connect,
    .close = sqlite_close,
    .query = sqlite_query,
    .step = sqlite_step,
    .affected = sqlite_affected,
    .finish = sqlite_finish,
    .script = sqlite_script,
    .begin = sqlite_begin,
    .commit = sqlite_commit,
    .rollback = sqlite_rollback,
    .txdepth = sqlite_txdepth,
    .lock = sqlite_lock,
    .unlock = sqlite_unlock,
    .quote_ident = sqlite_quote_ident,
    .quote_literal = sqlite_quote_literal,
    .ncols = sqlite_ncols,
    .fk_disable = sqlite_fk_disable,
    .fk_enable = sqlite_fk_enable,
    .fk_check = sqlite_fk_check,
    .introspect = sqlite_introspect,
    .emit = sqlite_emit,
    .normalize = sqlite_normalize,
    .triggers = sqlite_triggers,
    .backup = sqlite_backup,
    .convert = sqlite_convert,
    .interrupt = sqlite_interrupt,
    .prepare = sqlite_prepare,
    .run = sqlite_run,
    .unprepare = sqlite_unprepare,
    .caps = TIDE_CAP_SAVEPOINTS | TIDE_CAP_DEFERRABLE | TIDE_CAP_VIRTUAL_TABLES | TIDE_CAP_NOCASE_IDENTS,
    .schemes = sqlite_schemes,
    .url_form = TIDE_URL_PATH,
    .create_database = sqlite_create_database,
    .drop_database = sqlite_drop_database,
    .scratch_database = sqlite_scratch_database,
    .triggers_sql = SQLITE_TRIGGERS_SQL,
    .columns_sql = sqlite_columns_sql,
};
