/* lease.c — the runner's lock as a lease row (migrations.runLock = "lease",
 * the default). A session advisory lock belongs to a server session, which
 * a pooler in transaction mode (PgBouncer) hands to another client after
 * each transaction: it neither excludes other runners nor goes away with
 * tide. A lease is a row of "<tableName>_lock" (key, owner, expires_at),
 * taken and released by single autocommit statements, so it holds through
 * any pooler:
 *   take:    INSERT ... ON CONFLICT (key) DO UPDATE ... WHERE expires_at < now()
 *   renew:   a heartbeat thread, on a connection of its own, every third of
 *            the expiry: UPDATE ... SET expires_at = now() + expiry
 *   release: DELETE ... WHERE owner = us
 * A runner killed with -9 stops renewing; its lease is taken over once it
 * expires (migrations.leaseExpiry, 30 s). Every commit of the run first
 * checks, FOR SHARE, that the lease is still ours, so a runner that lost it
 * (paused longer than the expiry) rolls back instead of running a
 * migration twice. Times are the server's (now()), never the clients'. */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include "db/driver.h"
#include "pg_internal.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

struct pg_lease {
    char *table;              /* quoted */
    int expiry_ms;
    char *key;                /* held: the lock's key; NULL when not held */
    char owner[128];
    char expiry[16];
    pthread_t thread;
    int thread_on;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    int stop;
    volatile int lost;        /* the heartbeat found the row no longer ours */
    PGconn *side;
};

static void discard_notice(void *arg, const char *message)
{
    (void)arg;
    (void)message;
}

/* A connection made with the options of another's PQconninfo, notices
 * discarded; NULL when it cannot be had. Safe on any thread: it touches
 * only opts (introspect.c's second connection connects on its own thread,
 * with options the first connection's thread read). */
PGconn *pg_connect_with(const PQconninfoOption *opts)
{
    const PQconninfoOption *o;
    const char *keys[64], *vals[64];
    PGconn *pg;
    int n = 0;
    for (o = opts; o && o->keyword && n < 63; o++)
        if (o->val && *o->val) {
            keys[n] = o->keyword;
            vals[n++] = o->val;
        }
    keys[n] = vals[n] = NULL;
    pg = PQconnectdbParams(keys, vals, 0);
    if (PQstatus(pg) != CONNECTION_OK) {
        PQfinish(pg);
        return NULL;
    }
    PQsetNoticeProcessor(pg, discard_notice, NULL);
    return pg;
}

/* A second connection made like `like` (its conninfo), notices discarded;
 * NULL when it cannot be had. The lease's heartbeat, and the lock-wait
 * diagnosis in runsafe.c, which asks pg_blocking_pids while the first
 * connection waits. */
PGconn *pg_side_connection(PGconn *like)
{
    PQconninfoOption *opts = PQconninfo(like);
    PGconn *pg = opts ? pg_connect_with(opts) : NULL;
    PQconninfoFree(opts);
    return pg;
}

static PGresult *exec3(PGconn *pg, const char *fmt, const struct pg_lease *l, const char *key)
{
    char sql[1024];
    const char *params[3] = { key, l->owner, l->expiry };
    snprintf(sql, sizeof sql, fmt, l->table, l->table);
    return PQexecParams(pg, sql, 3, NULL, params, NULL, NULL, 0);
}

static const char *renew_sql =
    "UPDATE %s SET expires_at = now() + $3::int * interval '1 millisecond' "
    "WHERE key = $1 AND owner = $2";

static void *heartbeat(void *arg)
{
    struct pg_lease *l = arg;
    pthread_mutex_lock(&l->mu);
    while (!l->stop) {
        struct timespec until;
        int ms = l->expiry_ms / 3;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_sec += ms / 1000;
        until.tv_nsec += (long)(ms % 1000) * 1000000L;
        if (until.tv_nsec >= 1000000000L) {
            until.tv_sec++;
            until.tv_nsec -= 1000000000L;
        }
        pthread_cond_timedwait(&l->cv, &l->mu, &until);
        if (l->stop)
            break;
        pthread_mutex_unlock(&l->mu);
        if (!l->side || PQstatus(l->side) != CONNECTION_OK) {
            PQfinish(l->side);
            l->side = NULL;    /* made again by the next beat */
        } else {
            PGresult *res = exec3(l->side, renew_sql, l, l->key);
            if (PQresultStatus(res) == PGRES_COMMAND_OK && !strcmp(PQcmdTuples(res), "0"))
                l->lost = 1;
            PQclear(res);
        }
        pthread_mutex_lock(&l->mu);
    }
    pthread_mutex_unlock(&l->mu);
    return NULL;
}

static int ensure_table(tide_dconn *c, struct pg_lease *l, tide_err *err)
{
    char sql[512];
    PGresult *res;
    int i, rc = 0;
    snprintf(sql, sizeof sql, "CREATE TABLE IF NOT EXISTS %s (key text PRIMARY KEY, "
             "owner text NOT NULL, acquired_at timestamptz NOT NULL, "
             "expires_at timestamptz NOT NULL, pid integer)", l->table);
    /* Runners starting together race to create it: IF NOT EXISTS is not
     * safe against a concurrent CREATE, which the loser sees as a unique
     * violation in the catalog (23505), the table (42P07) or its row type
     * (42710, "type ... already exists") existing; it tries again. */
    for (i = 0; i < 20; i++) {
        const char *state;
        res = PQexec(c->pg, sql);
        state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
        if (PQresultStatus(res) == PGRES_COMMAND_OK || !state ||
            (strcmp(state, "23505") && strcmp(state, "42P07") && strcmp(state, "42710"))) {
            rc = pg_check_result(c, res, sql, err);
            PQclear(res);
            return rc;
        }
        PQclear(res);
        tide_sleep_ms(50);
    }
    return tide_err_set(err, TIDE_ESQL, "could not create the lock table %s", l->table);
}

int pg_lease_config(tide_dconn *c, const char *table, int expiry_ms, tide_err *err)
{
    struct pg_lease *l = c->lease;
    if (l && l->key)
        return 0;                 /* held: changes wait for the release */
    if (l) {
        free(l->table);
        pthread_mutex_destroy(&l->mu);
        pthread_cond_destroy(&l->cv);
        free(l);
        c->lease = NULL;
    }
    if (!table || expiry_ms <= 0)
        return 0;
    if (!(l = calloc(1, sizeof *l)) || !(l->table = strdup(table))) {
        free(l);
        return tide_err_set(err, TIDE_ENOMEM, "out of memory");
    }
    l->expiry_ms = expiry_ms;
    snprintf(l->expiry, sizeof l->expiry, "%d", expiry_ms);
    pthread_mutex_init(&l->mu, NULL);
    pthread_cond_init(&l->cv, NULL);
    c->lease = l;
    return 0;
}

int pg_lease_lock(tide_dconn *c, const char *key, int timeout_ms, tide_err *err)
{
    static const char *take_sql =
        "INSERT INTO %s AS l (key, owner, acquired_at, expires_at, pid) "
        "VALUES ($1, $2, now(), now() + $3::int * interval '1 millisecond', "
        "CASE WHEN pg_backend_pid() = $4::int THEN pg_backend_pid() END) "
        "ON CONFLICT (key) DO UPDATE SET owner = excluded.owner, acquired_at = excluded.acquired_at, "
        "expires_at = excluded.expires_at, pid = excluded.pid WHERE l.expires_at < now() "
        "OR (l.pid IS NOT NULL AND NOT EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.pid = l.pid)) "
        "RETURNING owner";
    struct pg_lease *l = c->lease;
    int64_t deadline = tide_now_ms() + (timeout_ms > 0 ? timeout_ms : 0);
    char holder[256] = "";
    char host[64] = "";
    int rc, got = 0;
    if (l->key)
        return tide_err_set(err, TIDE_EINVAL, "lock: the migration lock '%s' is held already", key);
    if ((rc = ensure_table(c, l, err)) < 0)
        return rc;
    gethostname(host, sizeof host - 1);
    snprintf(l->owner, sizeof l->owner, "%s:%ld:%lx", host, (long)getpid(),
             (unsigned long)tide_now_ms() ^ (unsigned long)(uintptr_t)l);
    l->lost = 0;
    c->interrupted = 0;
    for (;;) {
        char sql[1024], pid[16];
        const char *params[4] = { key, l->owner, l->expiry, pid };
        PGresult *res;
        int64_t left;
        /* pid: the session holding the lease, when libpq talks to the server
         * itself (behind a pooler its pid is not the server's: NULL, and
         * only the expiry frees the lease) */
        snprintf(pid, sizeof pid, "%d", PQbackendPID(c->pg));
        snprintf(sql, sizeof sql, take_sql, l->table);
        res = PQexecParams(c->pg, sql, 4, NULL, params, NULL, NULL, 0);
        const char *state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
        if (PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) == 1) {
            PQclear(res);
            got = 1;
            break;
        }
        if (PQresultStatus(res) != PGRES_TUPLES_OK && !(state && !strcmp(state, "55P03"))) {
            rc = pg_check_result(c, res, "(take the migration lock's lease)", err);
            PQclear(res);
            return rc;
        }
        PQclear(res);
        if (c->interrupted)
            return tide_err_set(err, TIDE_EINTR, "interrupted while waiting for the migration "
                                "lock '%s'", key);
        if ((left = deadline - tide_now_ms()) <= 0)
            break;
        tide_sleep_ms(left < 100 ? left : 100);
    }
    if (!got) {
        char sql[256];
        const char *params[2] = { key, l->owner };
        PGresult *res;
        snprintf(sql, sizeof sql, "SELECT owner, to_char(expires_at, 'YYYY-MM-DD HH24:MI:SS TZ'), "
                 "owner = $2 FROM %s WHERE key = $1", l->table);
        res = PQexecParams(c->pg, sql, 2, NULL, params, NULL, NULL, 0);
        if (PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) == 1 &&
            PQgetvalue(res, 0, 2)[0] != 't')
            snprintf(holder, sizeof holder, "runner %s holds its lease until %s",
                     PQgetvalue(res, 0, 0), PQgetvalue(res, 0, 1));
        PQclear(res);
        return tide_err_set(err, TIDE_ELOCKED, "could not take the migration lock '%s' within "
                            "%g s: another tide run holds it (%s, table %s; raise "
                            "migrations.lockTimeout or wait; a runner that died lets go when "
                            "its lease expires, migrations.leaseExpiry)", key,
                            (timeout_ms > 0 ? timeout_ms : 0) / 1000.0,
                            *holder ? holder : "its lease", l->table);
    }
    if (!(l->key = strdup(key)))
        return tide_err_set(err, TIDE_ENOMEM, "out of memory");
    l->side = pg_side_connection(c->pg);
    l->stop = 0;
    l->thread_on = pthread_create(&l->thread, NULL, heartbeat, l) == 0;
    return 0;
}

int pg_lease_unlock(tide_dconn *c, const char *key, tide_err *err)
{
    static const char *release_sql = "DELETE FROM %s WHERE key = $1 AND owner = $2 AND $3::int IS NOT NULL";
    struct pg_lease *l = c->lease;
    PGresult *res;
    int rc;
    if (!l->key || strcmp(l->key, key))
        return tide_err_set(err, TIDE_EINVAL, "unlock: the migration lock '%s' is not held "
                            "by this connection", key);
    if (l->thread_on) {
        pthread_mutex_lock(&l->mu);
        l->stop = 1;
        pthread_cond_signal(&l->cv);
        pthread_mutex_unlock(&l->mu);
        pthread_join(l->thread, NULL);
        l->thread_on = 0;
    }
    res = exec3(c->pg, release_sql, l, key);
    rc = pg_check_result(c, res, "(release the migration lock's lease)", err);
    PQclear(res);
    if (rc < 0 && l->side && PQstatus(l->side) == CONNECTION_OK) {
        /* the session is gone (terminated): the heartbeat's connection lets go */
        res = exec3(l->side, release_sql, l, key);
        if (PQresultStatus(res) == PGRES_COMMAND_OK)
            rc = 0;
        PQclear(res);
    }
    PQfinish(l->side);
    l->side = NULL;
    free(l->key);
    l->key = NULL;
    return rc;
}

/* Before a commit of the run: the lease must still be ours, held FOR SHARE
 * until the commit so that no runner takes it over in between. */
int pg_lease_verify(tide_dconn *c, tide_err *err)
{
    struct pg_lease *l = c->lease;
    char sql[256];
    const char *params[2];
    PGresult *res;
    int ours;
    if (!l || !l->key)
        return 0;
    params[0] = l->key;
    params[1] = l->owner;
    snprintf(sql, sizeof sql, "SELECT 1 FROM %s WHERE key = $1 AND owner = $2 FOR SHARE", l->table);
    res = PQexecParams(c->pg, sql, 2, NULL, params, NULL, NULL, 0);
    if (PQresultStatus(res) != PGRES_TUPLES_OK) {
        int rc = pg_check_result(c, res, sql, err);
        PQclear(res);
        return rc;
    }
    ours = PQntuples(res) == 1 && !l->lost;
    PQclear(res);
    if (!ours)
        return tide_err_set(err, TIDE_ELOCKED, "the migration lock's lease was lost (this run "
                            "stalled longer than migrations.leaseExpiry = %g s and another runner "
                            "took it over): nothing of this transaction was committed; run the "
                            "command again", l->expiry_ms / 1000.0);
    return 0;
}

void pg_lease_free(tide_dconn *c)
{
    tide_err ignored;
    if (c->lease && c->lease->key)
        pg_lease_unlock(c, c->lease->key, &ignored);
    pg_lease_config(c, NULL, 0, &ignored);
}
