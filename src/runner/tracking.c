/* tracking.c — the tracking table (SPEC 5): one row per (module, name) with
 * checksum, executed_at, duration and status. Portable SQL only: it is the
 * same table on every database, written with bound parameters. */
#include "runner/runner.h"
#include "core/buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* To the millisecond: migration:down reverts in the order of executed_at
 * (runs a second apart are common; a millisecond apart, not). */
void tide_tracking__now(char out[32])
{
    struct timespec ts;
    struct tm tm;
    clock_gettime(CLOCK_REALTIME, &ts);
    gmtime_r(&ts.tv_sec, &tm);
    strftime(out, 32, "%Y-%m-%dT%H:%M:%S", &tm);
    snprintf(out + strlen(out), 32 - strlen(out), ".%03dZ", (int)(ts.tv_nsec / 1000000));
}

int tide_tracking__ensure(tide *t, tide_err *err)
{
    tide_buf sql = TIDE_BUF_INIT;
    int rc;
    if (tide_buf_printf(&sql, "create table if not exists %s ("
                        "\"module\" varchar(255) not null, "
                        "\"name\" varchar(255) not null, "
                        "\"checksum\" varchar(64), "
                        "\"executed_at\" varchar(32) not null, "
                        "\"duration_ms\" bigint not null default 0, "
                        "\"status\" varchar(16) not null, "
                        "primary key (\"module\", \"name\"))", t->table) < 0)
        rc = tide_err_set(err, TIDE_ENOMEM, "out of memory");
    else
        rc = tide_conn_exec(t->conn, sql.data, NULL, 0, NULL, err);
    tide_buf_free(&sql);
    return rc;
}

/* The value's text (a number printed), and its length; NULL for NULL. */
static const char *text_in(const tide_value *v, char num[24], size_t *n)
{
    *n = 0;
    if (v->type == TIDE_V_NULL)
        return NULL;
    if (v->type == TIDE_V_INT) {
        *n = (size_t)snprintf(num, 24, "%lld", (long long)v->u.i);
        return num;
    }
    if (v->type == TIDE_V_TEXT || v->type == TIDE_V_BLOB) {
        *n = v->u.s.len;
        return v->u.s.p;
    }
    return "";
}

/* The row's name, checksum and executed_at (vals[0..2]) in one allocation,
 * r->name its start (tide_tracking__free frees it alone): one malloc and one
 * free per row rather than three, 10,000 rows a list. */
static int texts_of(const tide_value *vals, tide_tracked *r)
{
    char num[3][24], **dst[3] = { &r->name, &r->checksum, &r->executed_at };
    const char *p[3];
    size_t n[3];
    int i;
    for (i = 0; i < 3; i++)
        p[i] = text_in(&vals[i], num[i], &n[i]);
    return tide_pack_texts(3, p, n, dst) ? 0 : -1;
}

/* A row of the table (module, name, checksum, executed_at, duration_ms,
 * status), kept when it is module's. */
static int add_row(tide_tracking *tr, const tide_row *row, const char *module, tide_err *err)
{
    tide_tracked *r;
    const char *status;
    size_t mlen = strlen(module);
    if (row->vals[0].type != TIDE_V_TEXT || row->vals[0].u.s.len != mlen ||
        memcmp(row->vals[0].u.s.p, module, mlen))
        return 0;
    if (tide_list_reserve(&tr->items, tr->n, sizeof *tr->items) < 0)
        return tide_err_set(err, TIDE_ENOMEM, "out of memory");
    r = &tr->items[tr->n++];
    memset(r, 0, sizeof *r);
    if (texts_of(&row->vals[1], r) < 0) {
        tr->n--;
        return tide_err_set(err, TIDE_ENOMEM, "out of memory");
    }
    r->duration_ms = row->vals[4].type == TIDE_V_INT ? row->vals[4].u.i : 0;
    status = row->vals[5].type == TIDE_V_TEXT ? row->vals[5].u.s.p : "";
    r->running = !strncmp(status, "running", 7);
    return 0;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(((const tide_tracked *)a)->name, ((const tide_tracked *)b)->name);
}

/* The module's rows, sorted by name in bytes here rather than by the
 * database. The table is read whole and the module's rows kept here: a
 * WHERE on the module or an ORDER BY on the name walks the primary key's
 * index and looks every row up in the table (SQLite: a third of
 * migration:list's time with 10,000 rows), and a database collating
 * otherwise (PostgreSQL under a locale) would leave the rows out of the
 * order tide_tracking__find searches in. Rows come in the order they were
 * inserted, already sorted as a rule: tide_sort checks that in one pass. */
int tide_tracking__load(tide *t, tide_tracking *out, tide_err *err)
{
    tide_buf sql = TIDE_BUF_INIT;
    tide_cursor *cur = NULL;
    tide_row row;
    int rc;
    memset(out, 0, sizeof *out);
    if (tide_buf_printf(&sql, "select \"module\", \"name\", \"checksum\", \"executed_at\", "
                        "\"duration_ms\", \"status\" from %s", t->table) < 0) {
        rc = tide_err_set(err, TIDE_ENOMEM, "out of memory");
        goto done;
    }
    if ((rc = tide_conn_query(t->conn, sql.data, NULL, 0, &cur, err)) < 0)
        goto done;
    while ((rc = tide_cursor_next(cur, &row, err)) > 0)
        if ((rc = add_row(out, &row, t->module, err)) < 0)
            break;
    if (rc == 0)
        tide_sort(out->items, (size_t)out->n, sizeof *out->items, by_name);
done:
    tide_cursor_close(cur);
    tide_buf_free(&sql);
    if (rc < 0)
        tide_tracking__free(out);
    return rc < 0 ? rc : 0;
}

const tide_tracked *tide_tracking__find(const tide_tracking *tr, const char *name)
{
    int lo = 0, hi = tr->n - 1;
    while (lo <= hi) {          /* sorted by name in bytes (tide_tracking__load) */
        int mid = (lo + hi) / 2, c = strcmp(tr->items[mid].name, name);
        if (c == 0)
            return &tr->items[mid];
        if (c < 0) lo = mid + 1;
        else hi = mid - 1;
    }
    return NULL;
}

void tide_tracking__free(tide_tracking *tr)
{
    int i;
    for (i = 0; i < tr->n; i++)
        free(tr->items[i].name);        /* the row's texts, in one block (texts_of) */
    free(tr->items);
    memset(tr, 0, sizeof *tr);
}

static tide_value text(const char *s)
{
    tide_value v;
    memset(&v, 0, sizeof v);
    if (!s) {
        v.type = TIDE_V_NULL;
        return v;
    }
    v.type = TIDE_V_TEXT;
    v.u.s.p = s;
    v.u.s.len = strlen(s);
    return v;
}

static tide_value integer(int64_t i)
{
    tide_value v;
    memset(&v, 0, sizeof v);
    v.type = TIDE_V_INT;
    v.u.i = i;
    return v;
}

/* Runs fmt (with %s for the table) and params. */
static int write_row(tide *t, const char *fmt, const tide_value *params, int n, tide_err *err)
{
    tide_buf sql = TIDE_BUF_INIT;
    int rc;
    if (tide_buf_printf(&sql, fmt, t->table) < 0)
        rc = tide_err_set(err, TIDE_ENOMEM, "out of memory");
    else
        rc = tide_conn_exec(t->conn, sql.data, params, n, NULL, err);
    tide_buf_free(&sql);
    return rc;
}

int tide_tracking__insert(tide *t, const tide_migration *m, const char *status,
                          int64_t duration_ms, tide_err *err)
{
    char now[32];
    tide_value p[6];
    tide_tracking__now(now);
    p[0] = text(t->module);
    p[1] = text(m->name);
    p[2] = text(m->checksum[0] ? m->checksum : NULL);
    p[3] = text(now);
    p[4] = integer(duration_ms);
    p[5] = text(status);
    return write_row(t, "insert into %s (\"module\", \"name\", \"checksum\", \"executed_at\", "
                     "\"duration_ms\", \"status\") values (?, ?, ?, ?, ?, ?)", p, 6, err);
}

int tide_tracking__finish(tide *t, const char *name, int64_t duration_ms, tide_err *err)
{
    tide_value p[3];
    p[0] = integer(duration_ms);
    p[1] = text(t->module);
    p[2] = text(name);
    return write_row(t, "update %s set \"status\" = 'applied', \"duration_ms\" = ? "
                     "where \"module\" = ? and \"name\" = ?", p, 3, err);
}

int tide_tracking__mark_running(tide *t, const char *name, tide_err *err)
{
    tide_value p[2];
    p[0] = text(t->module);
    p[1] = text(name);
    return write_row(t, "update %s set \"status\" = 'running' where \"module\" = ? and \"name\" = ?",
                     p, 2, err);
}

int tide_tracking__delete(tide *t, const char *name, tide_err *err)
{
    tide_value p[2];
    p[0] = text(t->module);
    p[1] = text(name);
    return write_row(t, "delete from %s where \"module\" = ? and \"name\" = ?", p, 2, err);
}
