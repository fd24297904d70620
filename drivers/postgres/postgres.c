/* postgres.c — the PostgreSQL driver, on libpq. Statements run with
 * PQexecParams, whole results in text format; `?` becomes $n (sqltext.c).
 * Transactions nest with savepoints; the runner's lock is a session-level
 * advisory lock, so it goes away with the session if tide dies. */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L   /* poll, clock_gettime, nanosleep */
#endif

#include "db/driver.h"
#include "pg_internal.h"
#include "sqltext.h"

#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <math.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Type OIDs from pg_type.h, which is not installed with libpq. */
enum {
    OID_BOOL = 16, OID_BYTEA = 17, OID_INT8 = 20, OID_INT2 = 21, OID_INT4 = 23,
    OID_OID = 26, OID_FLOAT4 = 700, OID_FLOAT8 = 701
};

struct tide_dcursor {
    PGresult *res;
    int nrows, ncols, next;
    Oid *types;
    const char **names;       /* borrowed from res */
    tide_value *vals;
    unsigned char **blobs;    /* unescaped bytea of the current row */
    int64_t affected;
};

/* ---- small helpers ------------------------------------------------------ */



/* Drivers never print: notices and warnings are dropped, errors come back
 * with the result. */
static void discard_notice(void *arg, const char *message)
{
    (void)arg;
    (void)message;
}

/* Copies the first line of src (libpq messages run over several). */
static void one_line(char *dst, size_t cap, const char *src)
{
    size_t n = strcspn(src, "\r\n");
    if (n >= cap)
        n = cap - 1;
    memcpy(dst, src, n);
    while (n > 0 && (dst[n - 1] == ' ' || dst[n - 1] == '\t'))
        n--;
    dst[n] = '\0';
}

static void flatten(char *s)
{
    for (; *s; s++)
        if (*s == '\n' || *s == '\r' || *s == '\t')
            *s = ' ';
}

/* Appends "\n<label>: <text>" to err->msg, the text kept on one line. */
static void msg_append(tide_err *err, const char *label, const char *text)
{
    size_t n;
    if (!err || !text || !*text)
        return;
    n = strlen(err->msg);
    snprintf(err->msg + n, sizeof err->msg - n, "\n%s: %s", label, text);
    flatten(err->msg + n + 1);
}

/* Replaces every occurrence of secret in err->msg with "***". libpq does not
 * echo passwords; this makes sure no message of ours ever does either. */
static void scrub(tide_err *err, const char *secret)
{
    size_t n = secret ? strlen(secret) : 0;
    char *p;
    if (!err || n < 3)
        return;
    while ((p = strstr(err->msg, secret)) != NULL) {
        memcpy(p, "***", 3);
        memmove(p + 3, p + n, strlen(p + n) + 1);
    }
}

/* ---- errors from the server --------------------------------------------- */

/* Fills err from a failed statement (res may be NULL): TIDE_ECONNECT when
 * the connection is gone, else TIDE_ESQL with SQLSTATE, DETAIL and HINT. */
static int sql_error(tide_dconn *c, const PGresult *res, const char *sql, tide_err *err)
{
    const char *primary = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
    const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
    char line[256];
    int code = PQstatus(c->pg) == CONNECTION_BAD ? TIDE_ECONNECT : TIDE_ESQL;
    if (!primary) {
        one_line(line, sizeof line, PQerrorMessage(c->pg));
        primary = *line ? line : "unknown error (no message from libpq)";
    }
    if (code == TIDE_ECONNECT) {
        tide_err_set(err, code, "connection to PostgreSQL lost: %s", primary);
    } else {
        tide_err_set(err, code, "SQL error: %s", primary);
        if (err)
            flatten(err->msg);
        if (state && !strcmp(state, "55P03") && c->lock_tries > 1 && err) {
            size_t n = strlen(err->msg);   /* lock_timeout: who held the lock */
            snprintf(err->msg + n, sizeof err->msg - n, " (%d tr%s) %s", c->lock_tries,
                     c->lock_tries == 1 ? "y" : "ies", c->lock_diag[0] ? c->lock_diag
                     : "(the holder had gone when asked; migrations.lockWait)");
        }
        if (res) {
            msg_append(err, "DETAIL", PQresultErrorField(res, PG_DIAG_MESSAGE_DETAIL));
            msg_append(err, "HINT", PQresultErrorField(res, PG_DIAG_MESSAGE_HINT));
        }
    }
    if (err && state)
        snprintf(err->sqlstate, sizeof err->sqlstate, "%s", state);
    tide_err_set_sql(err, sql);
    return code;
}

/* COPY ... FROM STDIN / TO STDOUT would leave the connection waiting for
 * data we do not have: end the copy and report it. */
static int copy_refused(tide_dconn *c, ExecStatusType st, const char *sql, tide_err *err)
{
    PGresult *r;
    char *data;
    if (st == PGRES_COPY_IN)
        PQputCopyEnd(c->pg, "COPY FROM STDIN is not supported by tide");
    else
        while (PQgetCopyData(c->pg, &data, 0) > 0)
            PQfreemem(data);
    while ((r = PQgetResult(c->pg)) != NULL)
        PQclear(r);
    tide_err_set(err, TIDE_ESQL, "SQL error: COPY ... FROM STDIN and COPY ... TO STDOUT are not "
                 "supported (use INSERT, or COPY with a file on the server)");
    if (err)
        memcpy(err->sqlstate, "0A000", 6);
    tide_err_set_sql(err, sql);
    return TIDE_ESQL;
}

static int check_result(tide_dconn *c, const PGresult *res, const char *sql, tide_err *err)
{
    ExecStatusType st = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;
    switch (st) {
    case PGRES_COMMAND_OK:
    case PGRES_TUPLES_OK:
    case PGRES_EMPTY_QUERY:
        return 0;
    case PGRES_COPY_IN:
    case PGRES_COPY_OUT:
        return copy_refused(c, st, sql, err);
    default:
        return sql_error(c, res, sql, err);
    }
}

int pg_check_result(tide_dconn *c, const PGresult *res, const char *sql, tide_err *err)
{
    return check_result(c, res, sql, err);
}

/* Runs one statement that returns nothing we need. */
static int run(tide_dconn *c, const char *sql, tide_err *err)
{
    PGresult *res = PQexec(c->pg, sql);
    int rc = check_result(c, res, sql, err);
    PQclear(res);
    return rc;
}

/* ---- connect ------------------------------------------------------------ */

/* libpq keywords and values for PQconnectStartParams; values are borrowed
 * from the tide_url or are literals. */
typedef struct conninfo {
    const char **keys;
    const char **vals;
    int n;
    int timeout_s;
} conninfo;

static void conninfo_set(conninfo *ci, const char *key, const char *val)
{
    int i;
    for (i = 0; i < ci->n; i++) {
        if (!strcmp(ci->keys[i], key)) {
            ci->vals[i] = val;
            return;
        }
    }
    ci->keys[ci->n] = key;
    ci->vals[ci->n++] = val;
}

static const char *conninfo_get(const conninfo *ci, const char *key)
{
    int i;
    for (i = 0; i < ci->n; i++)
        if (!strcmp(ci->keys[i], key))
            return ci->vals[i];
    return NULL;
}

static void conninfo_free(conninfo *ci)
{
    free(ci->keys);
    free(ci->vals);
}

static int is_libpq_keyword(const PQconninfoOption *defs, const char *key)
{
    for (; defs->keyword; defs++)
        if (!strcmp(defs->keyword, key))
            return 1;
    return 0;
}

/* libpq ignores connect_timeout when the connection is polled, so we parse
 * it ourselves, with libpq's rules (<= 0 waits forever, 1 means 2). Said
 * by the URL, else by PGCONNECT_TIMEOUT (libpq's variable), else 5 s. */
static int parse_timeout(conninfo *ci, int from_env, tide_err *err)
{
    const char *v = conninfo_get(ci, "connect_timeout");
    char *end;
    long t = strtol(v, &end, 10);
    if (end == v || *end || t > INT_MAX / 1000)
        return tide_err_set(err, TIDE_EURL, from_env
                            ? "PGCONNECT_TIMEOUT='%s' is not a whole number of seconds (unset it, or say "
                              "connect_timeout in the URL)"
                            : "bad PostgreSQL URL: connect_timeout '%s' is not a whole number of seconds", v);
    ci->timeout_s = t <= 0 ? 0 : t == 1 ? 2 : (int)t;
    return 0;
}

/* The URL parts first, then tide's defaults, then the query options, each
 * replacing an earlier value of the same keyword (so ?host= overrides). */
static int conninfo_build(conninfo *ci, const tide_url *u, tide_err *err)
{
    PQconninfoOption *defs = NULL;
    const char *env_timeout;
    int i, rc = 0, from_env;
    size_t cap = (size_t)u->nopts + 8;
    ci->keys = calloc(cap, sizeof *ci->keys);
    ci->vals = calloc(cap, sizeof *ci->vals);
    if (!ci->keys || !ci->vals || !(defs = PQconndefaults()))
        return tide_err_set(err, TIDE_ENOMEM, "out of memory");
    if (u->host) conninfo_set(ci, "host", u->host);
    if (u->port) conninfo_set(ci, "port", u->port);
    if (u->user) conninfo_set(ci, "user", u->user);
    if (u->password) conninfo_set(ci, "password", u->password);
    if (u->dbname) conninfo_set(ci, "dbname", u->dbname);
    env_timeout = getenv("PGCONNECT_TIMEOUT");
    conninfo_set(ci, "connect_timeout", env_timeout && *env_timeout ? env_timeout : "5");
    conninfo_set(ci, "application_name", "tide");
    for (i = 0; i < u->nopts && rc == 0; i++) {
        if (!is_libpq_keyword(defs, u->opts[i].key))
            rc = tide_err_set(err, TIDE_EURL, "bad PostgreSQL URL: unknown connection option '%s' "
                              "(libpq knows e.g. sslmode, connect_timeout, application_name, options, "
                              "host, sslrootcert)", u->opts[i].key);
        else
            conninfo_set(ci, u->opts[i].key, u->opts[i].value);
    }
    PQconninfoFree(defs);
    from_env = env_timeout && *env_timeout && conninfo_get(ci, "connect_timeout") == env_timeout;
    if (rc == 0)
        rc = parse_timeout(ci, from_env, err);
    return rc;
}

/* "127.0.0.1:5432", "[::1]:5432" or "/run/postgresql/.s.PGSQL.5432". */
static void server_name(const PGconn *pg, char *out, size_t cap)
{
    const char *host = PQhost(pg), *port = PQport(pg);
    if (!host || !*host)
        host = "localhost";
    if (!port || !*port)
        port = "5432";
    if (host[0] == '/')
        snprintf(out, cap, "%s/.s.PGSQL.%s", host, port);
    else if (strchr(host, ':'))
        snprintf(out, cap, "[%s]:%s", host, port);
    else
        snprintf(out, cap, "%s:%s", host, port);
}

static int connect_error(PGconn *pg, int timeout_s, int timed_out, tide_err *err)
{
    const char *msg = PQerrorMessage(pg), *db = PQdb(pg), *user = PQuser(pg), *p;
    char where[256], why[256];
    server_name(pg, where, sizeof where);
    p = strstr(msg, " failed: ");       /* after libpq's own "server at ..., port ..." */
    p = p ? p + 9 : msg;
    if (!strncmp(p, "FATAL:  ", 8))
        p += 8;
    one_line(why, sizeof why, p);
    db = db ? db : "";
    if (timed_out)
        return tide_err_set(err, TIDE_ECONNECT, "cannot connect to PostgreSQL at %s (database '%s'): "
                            "no answer within %d s — is the host reachable and the port right? "
                            "(connect_timeout in the URL sets the wait)", where, db, timeout_s);
    if (strstr(msg, "password authentication failed") || strstr(msg, "no password supplied"))
        return tide_err_set(err, TIDE_ECONNECT, "authentication failed for user '%s' at PostgreSQL %s "
                            "(database '%s'): wrong or missing password — check the URL, PGPASSWORD "
                            "or ~/.pgpass (libpq: %s)", user ? user : "", where, db, why);
    if (strstr(msg, "Connection refused") || strstr(msg, "No such file or directory"))
        return tide_err_set(err, TIDE_ECONNECT, "cannot connect to PostgreSQL at %s (database '%s'): "
                            "%s — is the server running? (libpq: %s)", where, db,
                            strstr(msg, "refused") ? "connection refused" : "no such socket", why);
    if (!strncmp(msg, "invalid ", 8))
        return tide_err_set(err, TIDE_EURL, "bad PostgreSQL URL: %s", why);
    return tide_err_set(err, TIDE_ECONNECT, "cannot connect to PostgreSQL at %s (database '%s'): %s",
                        where, db, *why ? why : "unknown error");
}

/* Drives PQconnectPoll to the end: 0 connected, -1 failed, -2 out of time.
 * Polling (rather than PQconnectdbParams) lets the notice processor be set
 * before the server can send a warning during startup. */
static int wait_connected(PGconn *pg, int timeout_s)
{
    PostgresPollingStatusType st = PGRES_POLLING_WRITING;
    int64_t deadline = tide_now_ms() + (int64_t)timeout_s * 1000;
    for (;;) {
        struct pollfd pfd;
        int left = -1, n;
        if (st == PGRES_POLLING_OK)
            return 0;
        if (st == PGRES_POLLING_FAILED)
            return -1;
        if (timeout_s > 0 && (left = (int)(deadline - tide_now_ms())) <= 0)
            return -2;
        if ((pfd.fd = PQsocket(pg)) < 0)
            return -1;
        pfd.events = st == PGRES_POLLING_READING ? POLLIN : POLLOUT;
        pfd.revents = 0;
        n = poll(&pfd, 1, left);
        if (n < 0 && errno != EINTR)
            return -1;
        if (n > 0)
            st = PQconnectPoll(pg);
    }
}

static int open_session(tide_dconn *c, const conninfo *ci, tide_err *err)
{
    int rc;
    if (!(c->pg = PQconnectStartParams(ci->keys, ci->vals, 0)))
        return tide_err_set(err, TIDE_ENOMEM, "out of memory");
    PQsetNoticeProcessor(c->pg, discard_notice, NULL);
    if (PQstatus(c->pg) == CONNECTION_BAD)
        return connect_error(c->pg, ci->timeout_s, 0, err);
    if ((rc = wait_connected(c->pg, ci->timeout_s)) < 0)
        return connect_error(c->pg, ci->timeout_s, rc == -2, err);
    /* Literals from quote_literal assume standard strings ('\' is a plain
     * character); NOTICEs would only be dropped anyway. */
    return run(c, "SET client_min_messages = warning; SET standard_conforming_strings = on", err);
}

static void pg_close(tide_dconn *c)
{
    if (!c)
        return;
    pg_runsafe_free(c);
    if (c->cancel)
        PQfreeCancel(c->cancel);
    if (c->pg)
        PQfinish(c->pg);
    free(c);
}

static int pg_connect(const tide_url *u, tide_dconn **out, tide_err *err)
{
    conninfo ci = { NULL, NULL, 0, 0 };
    tide_dconn *c = NULL;
    int rc;
    *out = NULL;
    if ((rc = pg_pq_load(err)) < 0 || (rc = conninfo_build(&ci, u, err)) < 0)
        goto done;
    if (!(c = calloc(1, sizeof *c))) {
        rc = tide_err_set(err, TIDE_ENOMEM, "out of memory");
        goto done;
    }
    if ((rc = open_session(c, &ci, err)) < 0)
        goto done;
    if (!(c->cancel = PQgetCancel(c->pg))) {
        rc = tide_err_set(err, TIDE_ENOMEM, "out of memory");
        goto done;
    }
    *out = c;
    c = NULL;
done:
    if (rc < 0) {
        scrub(err, u->password);
        scrub(err, conninfo_get(&ci, "password"));
    }
    pg_close(c);
    conninfo_free(&ci);
    return rc;
}

/* ---- parameters --------------------------------------------------------- */

/* The arrays PQexecParams wants, and the strings made for them. */
typedef struct binding {
    const char **values;
    int *lengths, *formats;
    Oid *types;
    char **owned;
    int n;
} binding;

static void binding_free(binding *b)
{
    int i;
    for (i = 0; b->owned && i < b->n; i++)
        free(b->owned[i]);
    free(b->owned);
    free(b->values);
    free(b->lengths);
    free(b->formats);
    free(b->types);
}

/* float8 input takes NaN and Infinity by name; %.17g round-trips the rest. */
static void format_float(char *out, size_t cap, double f)
{
    if (isnan(f))
        snprintf(out, cap, "NaN");
    else if (isinf(f))
        snprintf(out, cap, "%sInfinity", f < 0 ? "-" : "");
    else
        snprintf(out, cap, "%.17g", f);
}

/* The text form of a scalar value, owned by b. */
static int bind_scalar(binding *b, int i, const tide_value *v, tide_err *err)
{
    char text[40];
    if (v->type == TIDE_V_INT) {
        snprintf(text, sizeof text, "%" PRId64, v->u.i);
        b->types[i] = OID_INT8;
    } else {
        format_float(text, sizeof text, v->u.f);
        b->types[i] = OID_FLOAT8;
    }
    if (!(b->owned[i] = tide_strdup(text)))
        return tide_err_set(err, TIDE_ENOMEM, "out of memory");
    b->values[i] = b->owned[i];
    return 0;
}

static int bind_text(binding *b, int i, const tide_value *v, tide_err *err)
{
    size_t n = v->u.s.len;
    if (n && memchr(v->u.s.p, '\0', n))
        return tide_err_set(err, TIDE_EINVAL, "parameter %d: the text holds a NUL byte, which "
                            "PostgreSQL text cannot store (bind it as a blob)", i + 1);
    if (!(b->owned[i] = malloc(n + 1)))
        return tide_err_set(err, TIDE_ENOMEM, "out of memory");
    if (n)
        memcpy(b->owned[i], v->u.s.p, n);
    b->owned[i][n] = '\0';
    b->values[i] = b->owned[i];
    return 0;     /* type 0: the server infers it (dates, enums, json...) */
}

static int bind_value(binding *b, int i, const tide_value *v, tide_err *err)
{
    switch (v->type) {
    case TIDE_V_NULL:
        return 0;
    case TIDE_V_BOOL:
        b->values[i] = v->u.b ? "true" : "false";
        b->types[i] = OID_BOOL;
        return 0;
    case TIDE_V_INT:
    case TIDE_V_FLOAT:
        return bind_scalar(b, i, v, err);
    case TIDE_V_TEXT:
        return bind_text(b, i, v, err);
    case TIDE_V_BLOB:
        if (v->u.s.len > INT_MAX)
            return tide_err_set(err, TIDE_EINVAL, "parameter %d: the blob is larger than 2 GB", i + 1);
        b->values[i] = v->u.s.len ? v->u.s.p : "";   /* NULL would mean SQL NULL */
        b->lengths[i] = (int)v->u.s.len;
        b->formats[i] = 1;
        b->types[i] = OID_BYTEA;
        return 0;
    }
    return tide_err_set(err, TIDE_EINVAL, "parameter %d has an unknown type (%d)", i + 1, (int)v->type);
}

static int binding_build(binding *b, const tide_value *params, int n, tide_err *err)
{
    int i, rc = 0;
    b->n = n;
    b->values = calloc((size_t)n, sizeof *b->values);
    b->lengths = calloc((size_t)n, sizeof *b->lengths);
    b->formats = calloc((size_t)n, sizeof *b->formats);
    b->types = calloc((size_t)n, sizeof *b->types);
    b->owned = calloc((size_t)n, sizeof *b->owned);
    if (!b->values || !b->lengths || !b->formats || !b->types || !b->owned)
        return tide_err_set(err, TIDE_ENOMEM, "out of memory");
    for (i = 0; i < n && rc == 0; i++)
        rc = bind_value(b, i, &params[i], err);
    return rc;
}

/* ---- query and cursor --------------------------------------------------- */

static void free_blobs(tide_dcursor *cur)
{
    int i;
    for (i = 0; i < cur->ncols; i++) {
        PQfreemem(cur->blobs[i]);
        cur->blobs[i] = NULL;
    }
}

static void pg_finish(tide_dcursor *cur)
{
    if (!cur)
        return;
    if (cur->blobs)
        free_blobs(cur);
    PQclear(cur->res);
    free(cur->types);
    free(cur->names);
    free(cur->vals);
    free(cur->blobs);
    free(cur);
}

/* PQcmdTuples also counts the rows a SELECT returned or a FETCH/MOVE
 * passed; the contract wants rows changed, which those are not. */
static int64_t rows_changed(PGresult *res)
{
    const char *tag = PQcmdStatus(res);
    if ((PQresultStatus(res) == PGRES_TUPLES_OK && !strncmp(tag, "SELECT", 6)) ||
        !strncmp(tag, "FETCH", 5) || !strncmp(tag, "MOVE", 4))
        return 0;
    return strtoll(PQcmdTuples(res), NULL, 10);
}

/* A cursor over res, which it takes over on success. */
static int cursor_new(PGresult *res, tide_dcursor **out, tide_err *err)
{
    tide_dcursor *cur = calloc(1, sizeof *cur);
    int i, n = PQnfields(res);
    size_t m = n > 0 ? (size_t)n : 1;
    if (!cur)
        return tide_err_set(err, TIDE_ENOMEM, "out of memory");
    cur->types = calloc(m, sizeof *cur->types);
    cur->names = calloc(m, sizeof *cur->names);
    cur->vals = calloc(m, sizeof *cur->vals);
    cur->blobs = calloc(m, sizeof *cur->blobs);
    if (!cur->types || !cur->names || !cur->vals || !cur->blobs) {
        pg_finish(cur);
        return tide_err_set(err, TIDE_ENOMEM, "out of memory");
    }
    for (i = 0; i < n; i++) {
        cur->names[i] = PQfname(res, i);
        cur->types[i] = PQftype(res, i);
    }
    cur->ncols = n;
    cur->nrows = PQntuples(res);
    cur->affected = rows_changed(res);
    cur->res = res;
    *out = cur;
    return 0;
}

/* Rewrites the placeholders into sql_out and binds the parameters. */
static int prepare_params(const char *sql, const tide_value *params, int nparams,
                          tide_buf *sql_out, binding *b, tide_err *err)
{
    int rc, count = 0;
    if ((rc = tide_pg__rewrite_placeholders(sql, sql_out, &count, err)) < 0)
        return rc;
    if (count != nparams) {
        tide_err_set(err, TIDE_EINVAL, "the statement has %d '?' placeholder%s but %d parameter%s "
                     "given (write ?? for a literal '?')", count, count == 1 ? "" : "s",
                     nparams, nparams == 1 ? " was" : "s were");
        tide_err_set_sql(err, sql);
        return TIDE_EINVAL;
    }
    return binding_build(b, params, nparams, err);
}

static int pg_query(tide_dconn *c, const char *sql, const tide_value *params, int nparams,
                    tide_dcursor **out, tide_err *err)
{
    tide_buf text = TIDE_BUF_INIT;
    binding b = { NULL, NULL, NULL, NULL, NULL, 0 };
    PGresult *res = NULL;
    int rc;
    *out = NULL;
    if (nparams < 0 || (nparams > 0 && !params))
        return tide_err_set(err, TIDE_EINVAL, "bad parameter list (%d parameters)", nparams);
    if (nparams > 0 && (rc = prepare_params(sql, params, nparams, &text, &b, err)) < 0)
        goto done;
    {
        pg_call call = { nparams > 0 ? text.data : sql, NULL, nparams, b.types,
                         (const char *const *)b.values, b.lengths, b.formats, 0 };
        res = pg_exec(c, &call);
    }
    if ((rc = check_result(c, res, sql, err)) < 0)
        goto done;
    if ((rc = cursor_new(res, out, err)) == 0)
        res = NULL;
done:
    PQclear(res);
    binding_free(&b);
    tide_buf_free(&text);
    return rc;
}

/* ---- prepared statements ------------------------------------------------ */

/* A statement is prepared on its first run with that run's parameter types,
 * and again when a later run binds other types (a number where a string
 * was), so it binds exactly as db:query would. */
struct tide_dstmt {
    tide_dconn *conn;
    char name[32];            /* tide_s<n>: unique in the process */
    char *sql;                /* as given, for messages */
    char *text;               /* the placeholders rewritten to $n */
    int nparams;
    Oid *types;               /* as prepared; NULL before the first run */
};

static void deallocate(tide_dstmt *st);

/* PREPARE with these parameter types (NULL: all left to the server). */
static int prepare_as(tide_dstmt *st, const Oid *types, tide_err *err)
{
    PGresult *res;
    int rc;
    deallocate(st);
    res = PQprepare(st->conn->pg, st->name, st->text, st->nparams, types);
    rc = check_result(st->conn, res, st->sql, err);
    PQclear(res);
    if (rc < 0)
        return rc;
    if (!(st->types = calloc((size_t)(st->nparams ? st->nparams : 1), sizeof *st->types)))
        return tide_err_set(err, TIDE_ENOMEM, "out of memory");
    if (types && st->nparams)
        memcpy(st->types, types, sizeof *st->types * (size_t)st->nparams);
    return 0;
}

static int pg_prepare(tide_dconn *c, const char *sql, tide_dstmt **out, tide_err *err)
{
    static unsigned long serial;
    tide_buf text = TIDE_BUF_INIT;
    tide_dstmt *st;
    int rc, count = 0;
    *out = NULL;
    if (!c || !sql)
        return tide_err_set(err, TIDE_EINVAL, "no connection or no SQL statement given");
    if ((rc = tide_pg__rewrite_placeholders(sql, &text, &count, err)) < 0)
        return rc;
    if (!(st = calloc(1, sizeof *st)) || !(st->sql = tide_strdup(sql))) {
        free(st);
        tide_buf_free(&text);
        return tide_err_set(err, TIDE_ENOMEM, "out of memory");
    }
    snprintf(st->name, sizeof st->name, "tide_s%lu", ++serial);
    st->conn = c;
    st->text = tide_buf_detach(&text);
    st->nparams = count;
    /* prepared now with every type left to the server, so that a mistake is
     * reported by db:prepare; the first run prepares again when it binds
     * types of its own */
    if ((rc = prepare_as(st, NULL, err)) < 0) {
        free(st->sql);
        free(st->text);
        free(st);
        return rc;
    }
    *out = st;
    return 0;
}

static void deallocate(tide_dstmt *st)
{
    char sql[64];
    if (!st->types)
        return;
    snprintf(sql, sizeof sql, "deallocate \"%s\"", st->name);
    PQclear(PQexec(st->conn->pg, sql));        /* fails only with the session: nothing to free then */
    free(st->types);
    st->types = NULL;
}

static int same_types(const Oid *a, const Oid *b, int n)
{
    return a && (n == 0 || !memcmp(a, b, sizeof *a * (size_t)n));
}

static int pg_run(tide_dstmt *st, const tide_value *params, int nparams, tide_dcursor **out,
                  tide_err *err)
{
    binding b = { NULL, NULL, NULL, NULL, NULL, 0 };
    PGresult *res = NULL;
    int rc;
    *out = NULL;
    if (nparams != st->nparams || (nparams > 0 && !params)) {
        tide_err_set(err, TIDE_EINVAL, "the statement has %d '?' placeholder%s but %d parameter%s "
                     "given", st->nparams, st->nparams == 1 ? "" : "s", nparams,
                     nparams == 1 ? " was" : "s were");
        tide_err_set_sql(err, st->sql);
        return TIDE_EINVAL;
    }
    if (nparams > 0 && (rc = binding_build(&b, params, nparams, err)) < 0)
        goto done;
    if (!same_types(st->types, b.types, nparams) && (rc = prepare_as(st, b.types, err)) < 0)
        goto done;
    {
        pg_call call = { st->sql, st->name, nparams, NULL, (const char *const *)b.values,
                         b.lengths, b.formats, 0 };
        res = pg_exec(st->conn, &call);
    }
    if ((rc = check_result(st->conn, res, st->sql, err)) < 0)
        goto done;
    if ((rc = cursor_new(res, out, err)) == 0)
        res = NULL;
done:
    PQclear(res);
    binding_free(&b);
    return rc;
}

static void pg_unprepare(tide_dstmt *st)
{
    if (!st)
        return;
    deallocate(st);
    free(st->sql);
    free(st->text);
    free(st);
}

static int fetch_value(tide_dcursor *cur, int col, tide_err *err)
{
    tide_value *v = &cur->vals[col];
    const char *s = PQgetvalue(cur->res, cur->next, col);
    size_t len;
    if (PQgetisnull(cur->res, cur->next, col)) {
        v->type = TIDE_V_NULL;
        return 0;
    }
    switch (cur->types[col]) {
    case OID_BOOL:
        v->type = TIDE_V_BOOL;
        v->u.b = s[0] == 't';
        return 0;
    case OID_INT8: case OID_INT2: case OID_INT4: case OID_OID:
        v->type = TIDE_V_INT;
        v->u.i = strtoll(s, NULL, 10);
        return 0;
    case OID_FLOAT4: case OID_FLOAT8:
        v->type = TIDE_V_FLOAT;
        v->u.f = strtod(s, NULL);       /* takes NaN and Infinity too */
        return 0;
    case OID_BYTEA:
        if (!(cur->blobs[col] = PQunescapeBytea((const unsigned char *)s, &len)))
            return tide_err_set(err, TIDE_ENOMEM, "out of memory");
        v->type = TIDE_V_BLOB;
        v->u.s.p = (const char *)cur->blobs[col];
        v->u.s.len = len;
        return 0;
    default:
        v->type = TIDE_V_TEXT;
        v->u.s.p = s;
        v->u.s.len = (size_t)PQgetlength(cur->res, cur->next, col);
        return 0;
    }
}

static int pg_step(tide_dcursor *cur, tide_row *row, tide_err *err)
{
    int i, rc;
    free_blobs(cur);
    if (cur->next >= cur->nrows)
        return 0;
    for (i = 0; i < cur->ncols; i++)
        if ((rc = fetch_value(cur, i, err)) < 0)
            return rc;
    row->ncols = cur->ncols;
    row->names = cur->names;
    row->vals = cur->vals;
    cur->next++;
    return 1;
}

static int64_t pg_affected(const tide_dcursor *cur)
{
    return cur->affected;
}

static int pg_ncols(const tide_dcursor *cur)
{
    return cur->ncols;
}

static int pg_script(tide_dconn *c, const char *sql, tide_err *err)
{
    tide_buf stmt = TIDE_BUF_INIT;
    const char *pos = sql, *start;
    size_t len;
    int rc = 0;
    while (rc == 0 && tide_pg__next_statement(&pos, &start, &len)) {
        tide_buf_reset(&stmt);
        if (tide_buf_add(&stmt, start, len) < 0) {
            rc = tide_err_set(err, TIDE_ENOMEM, "out of memory");
        } else {
            pg_call call = { stmt.data, NULL, 0, NULL, NULL, NULL, NULL, 1 };
            PGresult *res = pg_exec(c, &call);
            rc = check_result(c, res, stmt.data, err);
            PQclear(res);
        }
    }
    tide_buf_free(&stmt);
    return rc;
}

/* ---- transactions ------------------------------------------------------- */

/* A COMMIT or ROLLBACK sent as SQL ends every level: notice it, so that
 * the savepoint names stay right and commit says no transaction is open. */
static void sync_depth(tide_dconn *c)
{
    if (PQtransactionStatus(c->pg) == PQTRANS_IDLE)
        c->depth = 0;
}

static int pg_txdepth(const tide_dconn *c)
{
    return PQtransactionStatus(c->pg) == PQTRANS_IDLE ? 0 : c->depth;
}

static int pg_begin(tide_dconn *c, tide_err *err)
{
    char sql[48];
    int rc;
    sync_depth(c);
    if (c->depth == 0)
        snprintf(sql, sizeof sql, "BEGIN");
    else
        snprintf(sql, sizeof sql, "SAVEPOINT tide_sp_%d", c->depth);
    if ((rc = run(c, sql, err)) == 0 && c->depth++ == 0)
        rc = pg_tx_begun(c, err);
    return rc;
}

/* After an error PostgreSQL turns COMMIT into ROLLBACK without failing;
 * that must not pass for a commit. */
static int commit_transaction(tide_dconn *c, tide_err *err)
{
    PGresult *res = PQexec(c->pg, "COMMIT");
    int rc = check_result(c, res, "COMMIT", err);
    if (rc == 0 && !strcmp(PQcmdStatus(res), "ROLLBACK")) {
        rc = tide_err_set(err, TIDE_ESQL, "SQL error: the transaction was rolled back, not committed, "
                          "because a statement in it had failed");
        if (err)
            memcpy(err->sqlstate, "25P02", 6);
        tide_err_set_sql(err, "COMMIT");
    }
    PQclear(res);
    c->depth = 0;      /* a failed COMMIT ends the transaction too */
    return rc;
}

static int pg_commit(tide_dconn *c, tide_err *err)
{
    char sql[48];
    int rc;
    sync_depth(c);
    if (c->depth == 0)
        return tide_err_set(err, TIDE_EINVAL, "commit: no transaction is open");
    if (c->depth == 1) {
        /* a transaction the runner did not open (m:transaction in a
         * transactional = false migration) is checked here */
        if ((rc = pg_lease_verify(c, err)) < 0 || (c->fk_relax && (rc = pg_fk_check(c, err)) < 0)) {
            tide_err ignored;
            run(c, "ROLLBACK", &ignored);
            c->depth = 0;
            return rc;
        }
        return commit_transaction(c, err);
    }
    snprintf(sql, sizeof sql, "RELEASE SAVEPOINT tide_sp_%d", c->depth - 1);
    if ((rc = run(c, sql, err)) == 0)
        c->depth--;
    return rc;
}

static int pg_rollback(tide_dconn *c, tide_err *err)
{
    char sql[64];
    int rc;
    sync_depth(c);
    if (c->depth == 0)
        return tide_err_set(err, TIDE_EINVAL, "rollback: no transaction is open");
    if (c->depth == 1) {
        rc = run(c, "ROLLBACK", err);
        c->depth = 0;
        return rc;
    }
    /* ROLLBACK TO works in an aborted transaction and keeps the savepoint,
     * which RELEASE then drops: the level is gone, the outer work stays. */
    snprintf(sql, sizeof sql, "ROLLBACK TO SAVEPOINT tide_sp_%d", c->depth - 1);
    if ((rc = run(c, sql, err)) < 0)
        return rc;
    snprintf(sql, sizeof sql, "RELEASE SAVEPOINT tide_sp_%d", c->depth - 1);
    if ((rc = run(c, sql, err)) == 0)
        c->depth--;
    return rc;
}

/* ---- the runner's lock -------------------------------------------------- */

/* Advisory locks are keyed by a bigint: FNV-1a of "tide:" key, prefixed so
 * that other applications' small integer keys are unlikely to collide. */
static int64_t lock_id(const char *key)
{
    uint64_t h = UINT64_C(14695981039346656037);
    const char *parts[2] = { "tide:", key }, *p;
    int i;
    for (i = 0; i < 2; i++) {
        for (p = parts[i]; *p; p++) {
            h ^= (unsigned char)*p;
            h *= UINT64_C(1099511628211);
        }
    }
    return h > INT64_MAX ? -(int64_t)(~h) - 1 : (int64_t)h;
}

/* Runs a one-argument advisory-lock function; *yes is its boolean result. */
static int advisory(tide_dconn *c, const char *sql, const char *key, int *yes, tide_err *err)
{
    char arg[24];
    const char *values[1] = { arg };
    const Oid types[1] = { OID_INT8 };
    PGresult *res;
    int rc;
    snprintf(arg, sizeof arg, "%" PRId64, lock_id(key));
    res = PQexecParams(c->pg, sql, 1, types, values, NULL, NULL, 0);
    if ((rc = check_result(c, res, sql, err)) == 0)
        *yes = PQntuples(res) == 1 && PQgetvalue(res, 0, 0)[0] == 't';
    PQclear(res);
    return rc;
}

/* Polls rather than blocking in pg_advisory_lock, so that the wait is
 * bounded without touching the session's lock_timeout. */
static int pg_lock(tide_dconn *c, const char *key, int timeout_ms, tide_err *err)
{
    int64_t deadline = tide_now_ms() + (timeout_ms > 0 ? timeout_ms : 0), left;
    int rc, got = 0;
    if (!key)
        return tide_err_set(err, TIDE_EINVAL, "lock: no key given");
    if (c->lease)
        return pg_lease_lock(c, key, timeout_ms, err);
    c->interrupted = 0;
    for (;;) {
        if ((rc = advisory(c, "SELECT pg_try_advisory_lock($1)", key, &got, err)) < 0 || got)
            return rc;
        if (c->interrupted)
            return tide_err_set(err, TIDE_EINTR, "interrupted while waiting for the migration "
                                "lock '%s'", key);
        if ((left = deadline - tide_now_ms()) <= 0)
            break;
        tide_sleep_ms(left < 50 ? left : 50);
    }
    return tide_err_set(err, TIDE_ELOCKED, "could not take the migration lock '%s' within %g s: "
                        "another tide run holds it (raise migrations.lockTimeout or wait)",
                        key, (timeout_ms > 0 ? timeout_ms : 0) / 1000.0);
}

/* From a signal handler: PQcancel asks the server, over a connection of
 * its own, to cancel what this session runs; the statement then fails. */
static void pg_interrupt(tide_dconn *c)
{
    char why[256];
    c->interrupted = 1;
    if (c->cancel)
        PQcancel(c->cancel, why, sizeof why);
}

static int pg_unlock(tide_dconn *c, const char *key, tide_err *err)
{
    int rc, released = 0;
    if (!key)
        return tide_err_set(err, TIDE_EINVAL, "unlock: no key given");
    if (c->lease)
        return pg_lease_unlock(c, key, err);
    if ((rc = advisory(c, "SELECT pg_advisory_unlock($1)", key, &released, err)) < 0)
        return rc;
    if (!released)
        return tide_err_set(err, TIDE_EINVAL, "unlock: the migration lock '%s' is not held "
                            "by this connection", key);
    return 0;
}

/* ---- quoting ------------------------------------------------------------ */

static int pg_quote_ident(tide_buf *out, const char *ident)
{
    size_t mark = out->len;
    int rc = tide_buf_putc(out, '"');
    if (rc == 0)
        rc = tide_buf_put_doubled(out, ident, '"');
    if (rc == 0)
        rc = tide_buf_putc(out, '"');
    if (rc < 0) {
        out->len = mark;
        if (out->data)
            out->data[mark] = '\0';
    }
    return rc;
}

/* Standard strings: connect turned standard_conforming_strings on, so only
 * the quote needs doubling. */
static int quote_text(tide_buf *out, const char *p, size_t n)
{
    size_t i;
    int rc;
    if (n && memchr(p, '\0', n))
        return TIDE_EINVAL;        /* PostgreSQL text cannot hold NUL */
    rc = tide_buf_putc(out, '\'');
    for (i = 0; rc == 0 && i < n; i++)
        rc = p[i] == '\'' ? tide_buf_add(out, "''", 2) : tide_buf_putc(out, p[i]);
    return rc == 0 ? tide_buf_putc(out, '\'') : rc;
}

static int quote_blob(tide_buf *out, const unsigned char *p, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    size_t i;
    int rc = tide_buf_puts(out, "'\\x");
    for (i = 0; rc == 0 && i < n; i++) {
        char pair[2] = { hex[p[i] >> 4], hex[p[i] & 15] };
        rc = tide_buf_add(out, pair, 2);
    }
    return rc == 0 ? tide_buf_puts(out, "'::bytea") : rc;
}

/* The shortest form that reads back as the same double, with ".0" when it
 * would otherwise read as an integer (1.0/2 must not become 1/2). */
static int quote_float(tide_buf *out, double f)
{
    char text[40];
    int prec;
    if (isnan(f) || isinf(f)) {
        format_float(text, sizeof text, f);
        return tide_buf_printf(out, "'%s'::float8", text);
    }
    for (prec = 15; prec < 17; prec++) {
        snprintf(text, sizeof text, "%.*g", prec, f);
        if (strtod(text, NULL) == f)
            break;
    }
    if (prec == 17)
        snprintf(text, sizeof text, "%.17g", f);
    if (!strpbrk(text, ".e"))
        return tide_buf_printf(out, "%s.0", text);
    return tide_buf_puts(out, text);
}

static int pg_quote_literal(tide_buf *out, const tide_value *v)
{
    size_t mark = out->len;
    int rc;
    switch (v->type) {
    case TIDE_V_NULL:  rc = tide_buf_puts(out, "NULL"); break;
    case TIDE_V_BOOL:  rc = tide_buf_puts(out, v->u.b ? "true" : "false"); break;
    case TIDE_V_INT:   rc = tide_buf_printf(out, "%" PRId64, v->u.i); break;
    case TIDE_V_FLOAT: rc = quote_float(out, v->u.f); break;
    case TIDE_V_TEXT:  rc = quote_text(out, v->u.s.p, v->u.s.len); break;
    case TIDE_V_BLOB:  rc = quote_blob(out, (const unsigned char *)v->u.s.p, v->u.s.len); break;
    default:           rc = TIDE_EINVAL; break;
    }
    if (rc < 0) {
        out->len = mark;
        if (out->data)
            out->data[mark] = '\0';
    }
    return rc;
}

static const char *const pg_schemes[] = { "postgres", "postgresql", NULL };

const tide_driver tide_postgres_driver = {
    .version = TIDE_DRIVER_VERSION,
    .name = "postgres",
    .transactional_ddl = 1,
    .connect = pg_connect,
    .close = pg_close,
    .query = pg_query,
    .step = pg_step,
    .affected = pg_affected,
    .finish = pg_finish,
    .script = pg_script,
    .begin = pg_begin,
    .commit = pg_commit,
    .rollback = pg_rollback,
    .txdepth = pg_txdepth,
    .lock = pg_lock,
    .unlock = pg_unlock,
    .quote_ident = pg_quote_ident,
    .quote_literal = pg_quote_literal,
    .ncols = pg_ncols,
    .fk_disable = pg_fk_disable,
    .fk_enable = pg_fk_enable,
    .fk_check = pg_fk_check,
    .introspect = pg_introspect,
    .emit = pg_emit,
    .normalize = pg_normalize,
    .backup = pg_backup,
    .convert = pg_convert,
    .lint = pg_lint,
    .interrupt = pg_interrupt,
    .prepare = pg_prepare,
    .run = pg_run,
    .unprepare = pg_unprepare,
    .caps = TIDE_CAP_COMMENTS | TIDE_CAP_ENUM_TYPES | TIDE_CAP_NAMESPACES | TIDE_CAP_SAVEPOINTS |
            TIDE_CAP_DEFERRABLE | TIDE_CAP_ENUM_VALUE_COMMIT |
            TIDE_CAP_COLUMNS_APPENDED,
    .schemes = pg_schemes,
    .url_form = TIDE_URL_SERVER,
    .create_database = pg_create_database,
    .drop_database = pg_drop_database,
    .scratch_database = pg_scratch_database,
    .columns_sql = pg_columns_sql,
    .canonicalize = pg_canonicalize,
    .run_limits = pg_run_limits,
};
