/* project.h — the project handle (internal): what every room above the
 * runtime shares about one open project — its configuration (or module's),
 * its Lua state and connection, the tracking table's name, the options the
 * caller opened it with — and the event sink through which every room
 * reports (only the CLI prints). project.c opens and closes it. */
#ifndef TIDE_PROJECT_H
#define TIDE_PROJECT_H

#include <lua.h>
#include "tide.h"
#include "project/config.h"
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
    char *lease_name;                   /* "<tableName>_lock": the run lock's lease table,
                                           left out of introspection like the tracking table */
    tide_event_fn on_event;
    void *event_ud;
    int (*ask)(void *ud, const char *question);
    char *only_schema;                  /* --schema: NULL, or a namespace ("public": the default) */
    int verbose;
    int no_drop;                        /* opts->no_drop or migrations.noDrop: diffs plan no drop */
    int column_order;                   /* opts->column_order: 0 the configuration's, 1 append,
                                           2 rebuild (tide__column_rebuild) */
    int handle_signals;                 /* opts->handle_signals: runs catch SIGINT, SIGTERM */
    char *offline;                      /* opts->offline_ok: why the database was not reached */
    tide *project;                      /* a module's handle (tide__open_module): the project
                                           whose configuration and connection it borrows */
};

/* Opens a project in the Lua state opts->L (required: a state that holds
 * tide.core, made by api/module.h), with the configuration from the Lua
 * table at config_idx (0: the file) and/or the caller's tide.Conn at
 * conn_idx (0: none). owns_L: the project closes the state, also when
 * opening fails. tide_open (api/open.c) is this with a state of its own. */
int  tide__open(tide **out, const tide_options *opts, int owns_L, int config_idx, int conn_idx,
                tide_err *err);

/* A handle on one module of an open project (module NULL or "": the
 * project's own migrations), on the project's Lua state, configuration and
 * connection, reporting to its event handler. Closed with tide_close
 * before the project. The Medusa db:* commands run through these. */
int  tide__open_module(tide **out, tide *project, const char *module, tide_err *err);

/* Whether plans on driver drv rebuild a table to place its columns in the
 * definitions' order (--column-order, else migrations.columnOrder; only
 * on a database that adds columns last). */
int tide__column_rebuild(const tide *t, const tide_driver *drv);

/* The dialect's driver: the connection's, or when offline (the database
 * unreachable, an in-memory stand-in connected) the configured URL's. */
const tide_driver *tide__driver(const tide *t);

/* The live tables and enums of the namespaces names[0..n) (the tracking
 * table left out), finished, into *out (NULL on failure). */
int  tide__live_schema(tide *t, const char **names, int n, tide_schema **out, tide_err *err);

/* Reports, one warning each, what a schema read from a database holds that
 * tide does not carry (tide_schema.unmodelled). */
void tide__report_unmodelled(tide *t, const tide_schema *s);

/* The SQL of a list as text (statements end with ";"), *out free()d by the caller. */
int  tide__sql_text(const tide_sql_list *sql, char **out, tide_err *err);

/* Runs a list in one transaction, foreign keys handled as for migrations. */
int  tide__run_sql(tide *t, const tide_sql_list *sql, tide_err *err);
/* The same on another connection (schema:diff --run applies to --from). */
int  tide__run_sql_on(tide *t, tide_conn *conn, const tide_sql_list *sql, tide_err *err);

/* Reports one event to the handler the project was opened with. */
void tide__emit(tide *t, tide_event_kind kind, const char *name, const char *text, int down,
                double duration_ms);

/* self:log(fmt, ...) of a migration context (m:log) or a seeder: the
 * arguments from 2 on through string.format, reported as a TIDE_EV_LOG
 * event named by self.name (self at 1).   [-0, +0, e] */
int  tide__log(lua_State *L, tide *t);

/* on: every statement on the project's connection is reported as a
 * TIDE_EV_SQL event (--verbose, dry runs); off: no longer. */
void tide__trace(tide *t, int on);

#endif
