/* runner.h — the runner's internals shared by runner.c (discovery, plan,
 * transaction modes), tracking.c (the tracking table) and context.c (the
 * `m` object a migration receives). Not part of the public API. */
#ifndef TIDE_RUNNER_H
#define TIDE_RUNNER_H

#include <lua.h>
#include <lauxlib.h>
#include "tide.h"
#include "project/config.h"
#include "runner/migration.h"
#include "model/diff.h"
#include "db/driver.h"

struct tide {
    lua_State *L;
    int owns_L;
    tide_config cfg;
    const tide_migrations_config *mc;   /* cfg.migrations or the module's */
    char *module;                       /* "" for the project's own migrations */
    int conn_ref;                       /* registry: the tide.Conn migrations see as m.db */
    int owns_conn;                      /* tide opened it, so tide closes it */
    tide_conn *conn;                    /* borrowed from that handle */
    int config_ref;                     /* registry: m.config */
    char *table;                        /* the tracking table, quoted */
    char *lock_key;
    tide_event_fn on_event;
    void *event_ud;
    int (*ask)(void *ud, const char *question);
    char *only_schema;                  /* --schema: NULL, or a namespace ("public": the default) */
    int verbose;
    int handle_signals;                 /* opts->handle_signals: runs catch SIGINT, SIGTERM */
    char *offline;                      /* opts->offline_ok: why the database was not reached */
};

/* One row of the tracking table. */
typedef struct tide_tracked {
    char *name;
    char *checksum;       /* NULL when none was recorded */
    char *executed_at;
    int64_t duration_ms;
    int running;          /* status 'running' */
} tide_tracked;

typedef struct tide_tracking {
    tide_tracked *items;  /* sorted by name */
    int n;
} tide_tracking;

/* tide_open with the configuration from the Lua table at config_idx
 * (instead of a file) and/or the caller's tide.Conn at conn_idx (0: none). */
int  tide__open(tide **out, const tide_options *opts, int config_idx, int conn_idx, tide_err *err);

/* A new migration's name (Migration<free timestamp>[_label]) and path in the
 * migrations folder, which is created when missing. */
int  tide__migration_name(tide *t, const char *label, tide_buf *name, tide_buf *path, tide_err *err);

/* The snapshot file of this project (or module). */
int  tide__snapshot_path(tide *t, tide_buf *out, tide_err *err);

/* Keeps only the tables and enums of t->only_schema in s (no-op without one). */
void tide__limit_schema(tide *t, tide_schema *s);

/* The schema definitions (module-aware), normalized for the dialect. */
int  tide__load_definitions(tide *t, tide_schema **out, tide_err *err);

/* The SQL of a list as text (statements end with ";"), *out free()d by the caller. */
int  tide__sql_text(const tide_sql_list *sql, char **out, tide_err *err);

/* Runs a list in one transaction, foreign keys handled as for migrations. */
int  tide__run_sql(tide *t, const tide_sql_list *sql, tide_err *err);
/* The dialect's driver: the connection's, or when offline (the database
 * unreachable, an in-memory stand-in connected) the configured URL's. */
const tide_driver *tide__driver(const tide *t);
/* The live tables and enums of the namespaces names[0..n) (the tracking
 * table left out), finished, into *out (NULL on failure). */
int  tide__live_schema(tide *t, const char **names, int n, tide_schema **out, tide_err *err);

/* Drops every table and enum of the namespaces tide covers (those of the
 * definitions and the snapshot, else the default one), the tracking table
 * included, in one transaction (schemagen.c). */
int  tide__drop_all(tide *t, tide_err *err);

void tide__emit(tide *t, tide_event_kind kind, const char *name, const char *text, int down,
                double duration_ms);

/* tracking.c */
int  tide_tracking__ensure(tide *t, tide_err *err);
int  tide_tracking__load(tide *t, tide_tracking *out, tide_err *err);
const tide_tracked *tide_tracking__find(const tide_tracking *tr, const char *name);
void tide_tracking__free(tide_tracking *tr);
int  tide_tracking__insert(tide *t, const tide_migration *m, const char *status,
                           int64_t duration_ms, tide_err *err);
int  tide_tracking__finish(tide *t, const char *name, int64_t duration_ms, tide_err *err);
int  tide_tracking__mark_running(tide *t, const char *name, tide_err *err);
int  tide_tracking__delete(tide *t, const char *name, tide_err *err);
void tide_tracking__now(char out[32]);

/* context.c: pushes a new `m` for migration mig.   [-0, +1, m] */
void tide_context__push(lua_State *L, tide *t, const tide_migration *mig);
/* Detaches the handle made for the m at index m (closing its cursors).
 * [-0, +0, -] */
void tide_context__release(lua_State *L, int m);
/* flush(m): runs the statements queued with addSql.   [-0, +0, e] */
int  tide_context__flush(lua_State *L);
/* The tide behind the context m at idx; raises when it is not one. */
tide *tide_context__tide(lua_State *L, int idx);
/* The toolkit methods of m written in C (toolkit.c). */
extern const luaL_Reg tide_toolkit_methods[];

#endif
