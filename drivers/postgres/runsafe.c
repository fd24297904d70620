/* runsafe.c — what a migration run on PostgreSQL needs beyond running
 * statements: foreign keys relaxed without touching user triggers, and
 * lock waits that are bounded, retried, and explained.
 *
 * Foreign keys (migrations.disableForeignKeys): every transaction of the
 * run starts with SET CONSTRAINTS ALL DEFERRED, so DEFERRABLE keys are
 * checked at the end only. A statement that breaks a NOT DEFERRABLE key
 * (23503) is rolled back to a savepoint taken before it; the keys between
 * the two tables it names are made DEFERRABLE INITIALLY DEFERRED and the
 * statement runs again. Before commit, fk_check verifies every validated
 * foreign key of every table the transaction wrote (the relations it holds
 * a write lock on) with an anti-join, fails naming the key, the table and
 * sample keys, then fires the deferred checks and makes the altered keys
 * NOT DEFERRABLE again. Only the table owner may alter a key; anyone may
 * defer. session_replication_role is never touched: user triggers fire.
 *
 * Lock waits (migrations.lockWait): each statement runs under lock_timeout;
 * on 55P03 it is rolled back to its savepoint (inside a transaction) and
 * tried again after the backoff, doubled each time, so readers queued
 * behind the statement's lock request get through between tries. During
 * the last try a second connection reads pg_blocking_pids, so the failure
 * names the table, the pid holding it and that session's query. */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include "db/driver.h"
#include "pg_internal.h"

#include <ctype.h>
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- running one statement ---------------------------------------------- */

static PGresult *send_sync(tide_dconn *c, const pg_call *k)
{
    if (k->plain)
        return PQexec(c->pg, k->sql);
    if (k->name)
        return PQexecPrepared(c->pg, k->name, k->nparams, k->values, k->lengths, k->formats, 0);
    return PQexecParams(c->pg, k->sql, k->nparams, k->types, k->values, k->lengths, k->formats, 0);
}

/* From the second connection: which relation this session waits for, who
 * blocks it and what they run, into c->lock_diag. */
static void diagnose(tide_dconn *c, PGconn *side)
{
    static const char *sql =
        "SELECT coalesce(l.relation::regclass::text, l.locktype), b.pid, coalesce(b.state, ''), "
        "left(regexp_replace(coalesce(b.query, ''), '\\s+', ' ', 'g'), 160) "
        "FROM pg_locks l CROSS JOIN LATERAL unnest(pg_blocking_pids(l.pid)) AS bp(pid) "
        "JOIN pg_stat_activity b ON b.pid = bp.pid "
        "WHERE l.pid = $1::int AND NOT l.granted ORDER BY b.backend_start LIMIT 1";
    char pid[16];
    const char *params[1] = { pid };
    PGresult *res;
    if (side) {
        snprintf(pid, sizeof pid, "%d", PQbackendPID(c->pg));
        res = PQexecParams(side, sql, 1, NULL, params, NULL, NULL, 0);
        if (PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) == 1)
            snprintf(c->lock_diag, sizeof c->lock_diag, "waiting for a lock on %s held by pid %s "
                     "(%s: %s); end that session or retry later (migrations.lockWait)",
                     PQgetvalue(res, 0, 0), PQgetvalue(res, 0, 1), PQgetvalue(res, 0, 2),
                     PQgetvalue(res, 0, 3));
        PQclear(res);
    }
}

/* Sends k and waits for its result as PQexec would; when diag_ms > 0 and
 * the statement still runs after that long, diagnoses its lock wait. */
static PGresult *send_async(tide_dconn *c, const pg_call *k, int diag_ms, PGconn *side)
{
    int64_t start = tide_now_ms();
    PGresult *last = NULL, *r;
    int sent, diagnosed = 0;
    if (k->plain)
        sent = PQsendQuery(c->pg, k->sql);
    else if (k->name)
        sent = PQsendQueryPrepared(c->pg, k->name, k->nparams, k->values, k->lengths, k->formats, 0);
    else
        sent = PQsendQueryParams(c->pg, k->sql, k->nparams, k->types, k->values, k->lengths,
                                 k->formats, 0);
    if (!sent)
        return NULL;
    while (PQisBusy(c->pg)) {
        struct pollfd pfd;
        int wait = -1;
        if (diag_ms > 0 && !diagnosed) {
            int64_t left = start + diag_ms - tide_now_ms();
            if (left <= 0) {
                diagnose(c, side);
                diagnosed = 1;
                continue;
            }
            wait = (int)left;
        }
        pfd.fd = PQsocket(c->pg);
        pfd.events = POLLIN;
        pfd.revents = 0;
        if (poll(&pfd, 1, wait) < 0 && errno != EINTR)
            break;
        if (!PQconsumeInput(c->pg))
            break;
    }
    while ((r = PQgetResult(c->pg)) != NULL) {
        ExecStatusType st = PQresultStatus(r);
        PQclear(last);
        last = r;
        if (st == PGRES_COPY_IN || st == PGRES_COPY_OUT || st == PGRES_COPY_BOTH)
            break;
    }
    return last;
}

static int simple(tide_dconn *c, const char *sql)
{
    PGresult *res = PQexec(c->pg, sql);
    int ok = PQresultStatus(res) == PGRES_COMMAND_OK || PQresultStatus(res) == PGRES_TUPLES_OK;
    PQclear(res);
    return ok ? 0 : -1;
}

/* Statements that begin or end transactions and savepoints run as written:
 * a savepoint around them would change what they do. */
static int tx_control(const char *sql)
{
    static const char *const words[] = { "begin", "start", "commit", "end", "rollback", "abort",
                                         "savepoint", "release", "prepare", NULL };
    const char *p = sql;
    size_t n;
    int i;
    for (;;) {
        while (isspace((unsigned char)*p))
            p++;
        if (p[0] == '-' && p[1] == '-')
            p += strcspn(p, "\n");
        else if (p[0] == '/' && p[1] == '*' && strstr(p + 2, "*/"))
            p = strstr(p + 2, "*/") + 2;
        else
            break;
    }
    for (n = 0; isalpha((unsigned char)p[n]); n++)
        ;
    for (i = 0; words[i]; i++)
        if (strlen(words[i]) == n && !strncasecmp(p, words[i], n))
            return 1;
    return 0;
}

static int is_state(const PGresult *res, const char *state)
{
    const char *s = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
    return s && !strcmp(s, state);
}

static int appendf(char **dst, const char *sep, const char *text)
{
    size_t a = *dst ? strlen(*dst) : 0, b = strlen(text), s = a ? strlen(sep) : 0;
    char *p = realloc(*dst, a + s + b + 1);
    if (!p)
        return -1;
    memcpy(p + a, sep, s);
    memcpy(p + a + s, text, b + 1);
    *dst = p;
    return 0;
}

/* The statement broke the NOT DEFERRABLE key res names: makes the keys
 * between its two tables DEFERRABLE INITIALLY DEFERRED (remembering how to
 * undo it). 1 when it did, 0 when there was nothing to relax or the role
 * may not (the original error then stands). */
static int relax_key(tide_dconn *c, const PGresult *failed)
{
    static const char *sql =
        "SELECT string_agg(format('ALTER TABLE %s ALTER CONSTRAINT %I DEFERRABLE INITIALLY DEFERRED', "
        "k.conrelid::regclass, k.conname), '; '), "
        "string_agg(format('ALTER TABLE %s ALTER CONSTRAINT %I NOT DEFERRABLE', "
        "k.conrelid::regclass, k.conname), '; ') "
        "FROM pg_constraint f JOIN pg_constraint k ON k.contype = 'f' AND NOT k.condeferrable "
        "AND (k.conrelid IN (f.conrelid, f.confrelid) OR k.confrelid IN (f.conrelid, f.confrelid)) "
        "WHERE f.contype = 'f' AND f.conname = $3 AND format('%I.%I', $1::text, $2::text)::regclass "
        "IN (f.conrelid, f.confrelid)";
    const char *params[3] = { PQresultErrorField(failed, PG_DIAG_SCHEMA_NAME),
                              PQresultErrorField(failed, PG_DIAG_TABLE_NAME),
                              PQresultErrorField(failed, PG_DIAG_CONSTRAINT_NAME) };
    PGresult *res;
    int done = 0;
    if (!params[0] || !params[1] || !params[2])
        return 0;
    if (simple(c, "SAVEPOINT tide_relax") < 0)
        return 0;
    res = PQexecParams(c->pg, sql, 3, NULL, params, NULL, NULL, 0);
    if (PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) == 1 && !PQgetisnull(res, 0, 0) &&
        simple(c, PQgetvalue(res, 0, 0)) == 0 &&
        appendf(&c->fk_restore, "; ", PQgetvalue(res, 0, 1)) == 0)
        done = 1;
    PQclear(res);
    if (!done)
        simple(c, "ROLLBACK TO SAVEPOINT tide_relax");
    simple(c, "RELEASE SAVEPOINT tide_relax");
    return done;
}

static void backoff(tide_dconn *c, int tries)
{
    int64_t ms = c->limits.backoff_ms, until;
    int i;
    for (i = 1; i < tries && ms < 60000; i++)
        ms *= 2;
    until = tide_now_ms() + ms;
    while (!c->interrupted && tide_now_ms() < until)
        tide_sleep_ms(until - tide_now_ms() < 50 ? until - tide_now_ms() : 50);
}

PGresult *pg_exec(tide_dconn *c, const pg_call *k)
{
    int bounded = c->limits.lock_timeout_ms > 0, tries = 0, relaxed = 0;
    c->lock_diag[0] = '\0';
    c->lock_tries = 0;
    if (!bounded && !c->fk_relax)
        return send_sync(c, k);
    for (;;) {
        int in_tx = PQtransactionStatus(c->pg) == PQTRANS_INTRANS;
        int sp = in_tx && !tx_control(k->sql) && simple(c, "SAVEPOINT tide_stmt") == 0;
        int last = !bounded || tries >= c->limits.retries;
        PGconn *side = bounded && last && tries > 0 ? pg_side_connection(c->pg) : NULL;
        PGresult *res = send_async(c, k, side ? c->limits.lock_timeout_ms / 2 : 0, side);
        ExecStatusType st = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;
        PQfinish(side);
        tries++;
        if (st != PGRES_FATAL_ERROR) {
            c->fk_checked = 0;
            if (sp)
                simple(c, "RELEASE SAVEPOINT tide_stmt");
            return res;
        }
        if (is_state(res, "55P03") && bounded && (sp || !in_tx) && !last && !c->interrupted) {
            if (sp)
                simple(c, "ROLLBACK TO SAVEPOINT tide_stmt; RELEASE SAVEPOINT tide_stmt");
            PQclear(res);
            backoff(c, tries);
            continue;
        }
        if (is_state(res, "55P03"))
            c->lock_tries = tries;
        if (is_state(res, "23503") && c->fk_relax && sp && !relaxed) {
            simple(c, "ROLLBACK TO SAVEPOINT tide_stmt; RELEASE SAVEPOINT tide_stmt");
            if (relax_key(c, res)) {
                relaxed = 1;
                tries--;
                PQclear(res);
                continue;
            }
        }
        return res;   /* the transaction stays failed, as without the savepoint */
    }
}

/* ---- foreign keys -------------------------------------------------------- */

int pg_fk_disable(tide_dconn *c, int *disabled, tide_err *err)
{
    (void)err;
    c->fk_relax = 1;
    *disabled = 1;
    return 0;
}

int pg_fk_enable(tide_dconn *c, tide_err *err)
{
    (void)err;
    c->fk_relax = 0;
    free(c->fk_restore);
    c->fk_restore = NULL;
    return 0;
}

static int run_sql(tide_dconn *c, const char *sql, tide_err *err)
{
    PGresult *res = PQexec(c->pg, sql);
    int rc = pg_check_result(c, res, sql, err);
    PQclear(res);
    return rc;
}

/* After BEGIN: the run's settings for this transaction (SET LOCAL, so that
 * they hold behind a pooler that hands out another session each time). */
int pg_tx_begun(tide_dconn *c, tide_err *err)
{
    char sql[160];
    int n = 0;
    if (!c->fk_relax && !c->limits.lock_timeout_ms && !c->limits.statement_timeout_ms)
        return 0;
    free(c->fk_restore);
    c->fk_restore = NULL;
    c->fk_checked = 0;
    sql[0] = '\0';
    /* only what the run sets: a role's own lock_timeout stays otherwise */
    if (c->fk_relax)
        n += snprintf(sql + n, sizeof sql - (size_t)n, "SET CONSTRAINTS ALL DEFERRED;");
    if (c->limits.lock_timeout_ms)
        n += snprintf(sql + n, sizeof sql - (size_t)n, "SET LOCAL lock_timeout = %d;",
                      c->limits.lock_timeout_ms);
    if (c->limits.statement_timeout_ms)
        snprintf(sql + n, sizeof sql - (size_t)n, "SET LOCAL statement_timeout = %d;",
                 c->limits.statement_timeout_ms);
    return run_sql(c, sql, err);
}

/* One query per foreign key to check: the key's name, its table, its
 * columns, the referenced table, and the SELECT of up to 4 offending keys. */
static const char *fk_queries_sql =
    "WITH touched AS (SELECT DISTINCT l.relation FROM pg_locks l "
    "  WHERE l.pid = pg_backend_pid() AND l.locktype = 'relation' "
    "  AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database()) "
    "  AND l.mode IN ('RowExclusiveLock', 'ShareRowExclusiveLock', 'ExclusiveLock', "
    "                 'AccessExclusiveLock')) "
    "SELECT c.conname, c.conrelid::regclass::text, "
    "  string_agg(quote_ident(ca.attname), ', ' ORDER BY k.n), c.confrelid::regclass::text, "
    "  format('SELECT concat_ws('', '', %s) FROM %s ch WHERE %s AND NOT EXISTS "
    "(SELECT 1 FROM %s pa WHERE %s) LIMIT 4', "
    "    string_agg(format('ch.%I::text', ca.attname), ', ' ORDER BY k.n), c.conrelid::regclass, "
    "    string_agg(format('ch.%I IS NOT NULL', ca.attname), ' AND ' ORDER BY k.n), "
    "    c.confrelid::regclass, "
    "    string_agg(format('pa.%I = ch.%I', pa.attname, ca.attname), ' AND ' ORDER BY k.n)) "
    "FROM pg_constraint c "
    "CROSS JOIN LATERAL unnest(c.conkey, c.confkey) WITH ORDINALITY AS k(ck, pk, n) "
    "JOIN pg_attribute ca ON ca.attrelid = c.conrelid AND ca.attnum = k.ck "
    "JOIN pg_attribute pa ON pa.attrelid = c.confrelid AND pa.attnum = k.pk "
    "WHERE c.contype = 'f' AND c.convalidated "
    "  AND (c.conrelid IN (SELECT relation FROM touched) "
    "       OR c.confrelid IN (SELECT relation FROM touched)) "
    "GROUP BY c.oid, c.conname, c.conrelid, c.confrelid ORDER BY 2, 1";

/* Before commit: every validated foreign key of every table this
 * transaction wrote holds (see the top of the file). */
int pg_fk_check(tide_dconn *c, tide_err *err)
{
    PGresult *keys, *rows = NULL;
    int i, j, rc = 0;
    if (PQtransactionStatus(c->pg) != PQTRANS_INTRANS || c->fk_checked)
        return 0;
    keys = PQexec(c->pg, fk_queries_sql);
    if ((rc = pg_check_result(c, keys, fk_queries_sql, err)) < 0) {
        PQclear(keys);
        return rc;
    }
    for (i = 0; i < PQntuples(keys) && rc == 0; i++) {
        const char *check = PQgetvalue(keys, i, 4);
        char sample[256] = "";
        size_t n = 0;
        rows = PQexec(c->pg, check);
        if ((rc = pg_check_result(c, rows, check, err)) == 0 && PQntuples(rows) > 0) {
            for (j = 0; j < PQntuples(rows) && j < 3; j++)
                n += (size_t)snprintf(sample + n, n < sizeof sample ? sizeof sample - n : 0,
                                      "%s(%s)", j ? ", " : "", PQgetvalue(rows, j, 0));
            rc = tide_err_set(err, TIDE_ESQL, "foreign key check failed: %s on table %s: (%s) = %s%s "
                              "reference%s no row of %s; fix the data in the migration, nothing was "
                              "committed", PQgetvalue(keys, i, 0), PQgetvalue(keys, i, 1),
                              PQgetvalue(keys, i, 2), sample, PQntuples(rows) > 3 ? ", ..." : "",
                              PQntuples(rows) == 1 ? "s" : "", PQgetvalue(keys, i, 3));
            if (err)
                memcpy(err->sqlstate, "23503", 6);
        }
        PQclear(rows);
    }
    PQclear(keys);
    if (rc == 0 && c->fk_restore) {
        /* the deferred checks fire now, so that the keys can change back */
        if ((rc = run_sql(c, "SET CONSTRAINTS ALL IMMEDIATE", err)) == 0)
            rc = run_sql(c, c->fk_restore, err);
        free(c->fk_restore);
        c->fk_restore = NULL;
    }
    c->fk_checked = rc == 0;
    return rc;
}

/* ---- the run's limits ---------------------------------------------------- */

int pg_run_limits(tide_dconn *c, const tide_run_limits *l, tide_err *err)
{
    char sql[128];
    int rc = 0;
    if (!l) {
        if (!c->limits.lease_expiry_ms && c->limits.lock_timeout_ms)
            rc = run_sql(c, "RESET lock_timeout", err);
        if (!c->limits.lease_expiry_ms && c->limits.statement_timeout_ms && rc == 0)
            rc = run_sql(c, "RESET statement_timeout", err);
        memset(&c->limits, 0, sizeof c->limits);
        pg_lease_config(c, NULL, 0, err);
        return rc;
    }
    c->limits = *l;
    c->limits.lease_table = NULL;
    if ((rc = pg_lease_config(c, l->lease_table, l->lease_expiry_ms, err)) < 0)
        return rc;
    /* Behind a pooler in transaction mode a session SET would stay on a
     * server connection other clients get next: with the lease (the
     * pooler-safe lock) the limits are SET LOCAL in each transaction only. */
    if (!l->lease_expiry_ms && (l->lock_timeout_ms || l->statement_timeout_ms)) {
        int n = 0;
        sql[0] = '\0';
        if (l->lock_timeout_ms)
            n = snprintf(sql, sizeof sql, "SET lock_timeout = %d;", l->lock_timeout_ms);
        if (l->statement_timeout_ms)
            snprintf(sql + n, sizeof sql - (size_t)n, "SET statement_timeout = %d;",
                     l->statement_timeout_ms);
        rc = run_sql(c, sql, err);
    }
    return rc;
}

void pg_runsafe_free(tide_dconn *c)
{
    pg_lease_free(c);
    free(c->fk_restore);
    c->fk_restore = NULL;
}
