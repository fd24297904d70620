/* conn.c — the public connection API: picks the driver from the URL scheme
 * (through the registry) and dispatches through its vtable, guarding against
 * use after close; creating and dropping whole databases. */
#include "db/driver.h"

#include <stdlib.h>
#include <string.h>

struct tide_conn {
    const tide_driver *drv;
    tide_dconn *d;
    char *masked_url;
    int open_cursors;
    tide_stmt *stmts;
    tide_trace_fn trace;
    void *trace_ud;
};

struct tide_cursor {
    tide_conn *conn;
    tide_dcursor *d;
};

struct tide_stmt {
    tide_conn *conn;          /* NULL once the connection closed */
    tide_dstmt *d;
    char *sql;
    tide_stmt *prev, *next;   /* the connection's open statements */
};

static const tide_driver *driver_for(const char *scheme)
{
    return tide_driver_for_scheme(scheme, strlen(scheme));
}

const tide_driver *tide_driver_for_url(const char *url)
{
    const tide_driver *drv = NULL;
    tide_err ignored;
    tide_url u;
    if (url && tide_url_parse(&u, url, &ignored) == 0) {
        drv = driver_for(u.scheme);
        tide_url_free(&u);
    }
    return drv;
}

int tide_conn_open(tide_conn **out, const char *url, tide_err *err)
{
    tide_url u;
    tide_conn *c = NULL;
    int rc;
    *out = NULL;
    if ((rc = tide_url_parse(&u, url, err)) < 0)
        return rc;
    if (!(c = calloc(1, sizeof *c)) || !(c->masked_url = tide_strdup(u.masked))) {
        rc = tide_err_set(err, TIDE_ENOMEM, "out of memory");
        goto done;
    }
    c->drv = driver_for(u.scheme);
    if ((rc = c->drv->connect(&u, &c->d, err)) < 0)
        goto done;
    *out = c;
    c = NULL;
done:
    if (c) {
        free(c->masked_url);
        free(c);
    }
    tide_url_free(&u);
    return rc;
}

void tide_conn_close(tide_conn *c)
{
    if (!c)
        return;
    while (c->stmts) {                   /* their database side goes first */
        tide_stmt *st = c->stmts;
        c->stmts = st->next;
        c->drv->unprepare(st->d);
        st->d = NULL;
        st->conn = NULL;
        st->prev = st->next = NULL;
    }
    c->drv->close(c->d);
    free(c->masked_url);
    free(c);
}

const char *tide_conn_dialect(const tide_conn *c) { return c->drv->name; }
const char *tide_conn_url(const tide_conn *c) { return c->masked_url; }

int tide_conn_query(tide_conn *c, const char *sql, const tide_value *params, int nparams,
                    tide_cursor **out, tide_err *err)
{
    tide_cursor *cur;
    int rc;
    *out = NULL;
    if (!sql)
        return tide_err_set(err, TIDE_EINVAL, "no SQL statement given");
    if (!(cur = calloc(1, sizeof *cur)))
        return tide_err_set(err, TIDE_ENOMEM, "out of memory");
    if (c->trace)
        c->trace(c->trace_ud, sql);
    if ((rc = c->drv->query(c->d, sql, params, nparams, &cur->d, err)) < 0) {
        free(cur);
        return rc;
    }
    cur->conn = c;
    c->open_cursors++;
    *out = cur;
    return 0;
}

int tide_cursor_next(tide_cursor *cur, tide_row *row, tide_err *err)
{
    return cur->conn->drv->step(cur->d, row, err);
}

int64_t tide_cursor_affected(const tide_cursor *cur)
{
    return cur->conn->drv->affected(cur->d);
}

int tide_cursor_ncols(const tide_cursor *cur)
{
    return cur->conn->drv->ncols(cur->d);
}

void tide_cursor_close(tide_cursor *cur)
{
    if (!cur)
        return;
    cur->conn->drv->finish(cur->d);
    cur->conn->open_cursors--;
    free(cur);
}

/* Steps a cursor to its end; the rows changed into *affected. */
static int drain(tide_cursor *cur, int64_t *affected, tide_err *err)
{
    tide_row row;
    int rc;
    while ((rc = tide_cursor_next(cur, &row, err)) > 0)
        ;
    if (rc == 0 && affected)
        *affected = tide_cursor_affected(cur);
    tide_cursor_close(cur);
    return rc;
}

int tide_conn_exec(tide_conn *c, const char *sql, const tide_value *params, int nparams,
                   int64_t *affected, tide_err *err)
{
    tide_cursor *cur;
    int rc;
    if ((rc = tide_conn_query(c, sql, params, nparams, &cur, err)) < 0)
        return rc;
    return drain(cur, affected, err);
}

int tide_conn_prepare(tide_conn *c, const char *sql, tide_stmt **out, tide_err *err)
{
    tide_stmt *st;
    int rc;
    *out = NULL;
    if (!sql)
        return tide_err_set(err, TIDE_EINVAL, "no SQL statement given");
    if (c->drv->version < 6 || !c->drv->prepare)
        return tide_err_set(err, TIDE_EINVAL, "the %s driver cannot prepare statements", c->drv->name);
    if (!(st = calloc(1, sizeof *st)) || !(st->sql = tide_strdup(sql))) {
        free(st);
        return tide_err_set(err, TIDE_ENOMEM, "out of memory");
    }
    if ((rc = c->drv->prepare(c->d, sql, &st->d, err)) < 0) {
        free(st->sql);
        free(st);
        return rc;
    }
    st->conn = c;
    st->next = c->stmts;
    if (st->next)
        st->next->prev = st;
    c->stmts = st;
    *out = st;
    return 0;
}

int tide_stmt_query(tide_stmt *st, const tide_value *params, int nparams, tide_cursor **out,
                    tide_err *err)
{
    tide_conn *c = st->conn;
    tide_cursor *cur;
    int rc;
    *out = NULL;
    if (!c)
        return tide_err_set(err, TIDE_EINVAL, "the statement's connection was closed");
    if (!(cur = calloc(1, sizeof *cur)))
        return tide_err_set(err, TIDE_ENOMEM, "out of memory");
    if (c->trace)
        c->trace(c->trace_ud, st->sql);
    if ((rc = c->drv->run(st->d, params, nparams, &cur->d, err)) < 0) {
        free(cur);
        return rc;
    }
    cur->conn = c;
    c->open_cursors++;
    *out = cur;
    return 0;
}

int tide_stmt_exec(tide_stmt *st, const tide_value *params, int nparams, int64_t *affected,
                   tide_err *err)
{
    tide_cursor *cur;
    int rc;
    if ((rc = tide_stmt_query(st, params, nparams, &cur, err)) < 0)
        return rc;
    return drain(cur, affected, err);
}

const char *tide_stmt_sql(const tide_stmt *st) { return st->sql; }

void tide_stmt_close(tide_stmt *st)
{
    if (!st)
        return;
    if (st->conn) {
        if (st->prev) st->prev->next = st->next;
        else st->conn->stmts = st->next;
        if (st->next) st->next->prev = st->prev;
        st->conn->drv->unprepare(st->d);
    }
    free(st->sql);
    free(st);
}

int tide_conn_script(tide_conn *c, const char *sql, tide_err *err)
{
    if (!sql)
        return tide_err_set(err, TIDE_EINVAL, "no SQL script given");
    if (c->trace)
        c->trace(c->trace_ud, sql);
    return c->drv->script(c->d, sql, err);
}

int tide_conn_columns(tide_conn *c, const char *schema, const char *table, tide_cursor **out,
                      tide_err *err)
{
    tide_buf sql = TIDE_BUF_INIT;
    tide_value params[2];
    int n = 0, rc;
    *out = NULL;
    if (!table)
        return tide_err_set(err, TIDE_EINVAL, "no table name given");
    if (c->drv->version < 7 || !c->drv->columns_sql)
        return tide_err_set(err, TIDE_EINVAL, "the %s driver cannot list a table's columns", c->drv->name);
    memset(params, 0, sizeof params);
    if (c->drv->columns_sql(schema, table, &sql, params, &n) < 0)
        rc = tide_err_set(err, TIDE_ENOMEM, "out of memory");
    else
        rc = tide_conn_query(c, sql.data, params, n, out, err);
    tide_buf_free(&sql);
    return rc;
}

int tide_conn_begin(tide_conn *c, tide_err *err) { return c->drv->begin(c->d, err); }
int tide_conn_commit(tide_conn *c, tide_err *err) { return c->drv->commit(c->d, err); }
int tide_conn_rollback(tide_conn *c, tide_err *err) { return c->drv->rollback(c->d, err); }
int tide_conn_txdepth(const tide_conn *c) { return c->drv->txdepth(c->d); }

int tide_conn_lock(tide_conn *c, const char *key, int timeout_ms, tide_err *err)
{
    return c->drv->lock(c->d, key, timeout_ms, err);
}

int tide_conn_unlock(tide_conn *c, const char *key, tide_err *err)
{
    return c->drv->unlock(c->d, key, err);
}

void tide_conn_set_trace(tide_conn *c, tide_trace_fn fn, void *ud)
{
    c->trace = fn;
    c->trace_ud = ud;
}

/* Internal: the driver behind a connection (for the runtime's quote/literal). */
const tide_driver *tide_conn__driver(const tide_conn *c) { return c->drv; }

tide_dconn *tide_conn__dconn(const tide_conn *c) { return c->d; }

/* ---- whole databases ---------------------------------------------------- */

/* The driver of url (parsed, so that a bad URL says what is wrong). */
static int url_driver(const char *url, const tide_driver **out, tide_err *err)
{
    tide_url u;
    int rc;
    if ((rc = tide_url_parse(&u, url, err)) < 0)
        return rc;
    *out = driver_for(u.scheme);
    tide_url_free(&u);
    return 0;
}

int tide_create_database(const char *url, tide_err *err)
{
    const tide_driver *drv;
    int rc;
    if ((rc = url_driver(url, &drv, err)) < 0)
        return rc;
    if (drv->version < 7 || !drv->create_database)
        return tide_err_set(err, TIDE_EINVAL, "the %s driver cannot create a database", drv->name);
    return drv->create_database(url, err);
}

int tide_drop_database(const char *url, tide_err *err)
{
    const tide_driver *drv;
    int rc;
    if ((rc = url_driver(url, &drv, err)) < 0)
        return rc;
    if (drv->version < 7 || !drv->drop_database)
        return tide_err_set(err, TIDE_EINVAL, "the %s driver cannot drop a database", drv->name);
    return drv->drop_database(url, err);
}
