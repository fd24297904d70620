/* config.h — the resolved configuration (SPEC section 2): tide.lua (or
 * --config / TIDE_CONFIG) evaluated in the Lua runtime, validated key by key
 * (unknown keys name the closest known one), then overridden by the
 * environment and the command line. Precedence: flag > env > file > default. */
#ifndef TIDE_CONFIG_H
#define TIDE_CONFIG_H

#include <lua.h>
#include "tide.h"

/* Where a value came from, for `tide debug`. */
typedef enum tide_config_source {
    TIDE_SRC_DEFAULT = 0,
    TIDE_SRC_FILE,
    TIDE_SRC_ENV,
    TIDE_SRC_FLAG
} tide_config_source;

typedef struct tide_migrations_config {
    char  *path;                  /* "migrations" */
    char  *table_name;            /* "tide_migrations" */
    char  *pattern;               /* "^Migration%d+" */
    int    transactional;         /* 1 */
    int    all_or_nothing;        /* 1 */
    int    disable_foreign_keys;  /* 1 */
    int    drop_tables;           /* 1 */
    int    safe;                  /* 0 */
    int    no_drop;               /* 0: noDrop, plan every change but drops */
    int    snapshot;              /* 1 */
    char  *snapshot_name;         /* NULL: derived from the database name */
    double lock_timeout;          /* 60 seconds */
    int    allow_out_of_order;    /* 0 */
    int    list_ref;              /* LUA_NOREF, or a registry ref to migrations.list */
    /* How a run waits for table locks and for the run lock (README, "What
     * the runner guarantees"); times in seconds. */
    struct {
        double timeout;           /* lockWait.timeout: 2 (0: wait without bound) */
        double retries;           /* lockWait.retries: 5 */
        double backoff;           /* lockWait.backoff: 1, doubled each retry */
    } lock_wait;
    double statement_timeout;     /* 0: none */
    char  *run_lock;              /* "lease" (default) or "session" */
    double lease_expiry;          /* 30 */
    int    column_rebuild;        /* 0: columnOrder = "append" (a column put mid-table goes
                                     last on PostgreSQL); 1: "rebuild" (the table is rebuilt
                                     in the definitions' order) */
} tide_migrations_config;

typedef struct tide_module_config {
    char *name;
    char **schema;                /* schema folders */
    int nschema;
    tide_migrations_config migrations;
} tide_module_config;

typedef struct tide_config {
    char *file;                   /* the config file read, NULL when none */
    char *url;                    /* the database URL (unmasked: never print it) */
    tide_config_source url_source;
    char **schema;                /* schema folders, default { "schema" } */
    int nschema;
    tide_migrations_config migrations;
    char *seeder_path;            /* "seeders" */
    char *default_seeder;         /* "DatabaseSeeder" */
    tide_module_config *modules;  /* in the order of the file */
    int nmodules;
    int modules_ordered;          /* given as a list { { name = ... }, ... }: run in that
                                     order; a map { name = { ... } } runs in name order */
    int verbose;
} tide_config;

/* What the command line says; NULL/0 fields are not given. */
typedef struct tide_config_flags {
    const char *config_file;      /* --config */
    const char *url;              /* --url */
    int verbose;                  /* -v */
} tide_config_flags;

/* Resolves the configuration into *cfg (freed with tide_config_free, also on
 * failure). The file is evaluated in L; migrations.list stays in L's
 * registry. Errors name the file and line, or the key and its closest known
 * spelling. */
int  tide_config_load(tide_config *cfg, lua_State *L, const tide_config_flags *flags, tide_err *err);
void tide_config_free(tide_config *cfg, lua_State *L);

/* The same from a Lua table at idx (tide.open{...}) instead of a file;
 * environment and flags still apply on top. */
int  tide_config_load_table(tide_config *cfg, lua_State *L, int idx,
                            const tide_config_flags *flags, tide_err *err);

/* The names of cfg's modules in the order db:migrate runs them: a list's
 * order, a map's by name (lua_next walks a map in an order of its own). *out
 * is a malloc'd array (free() it) of *n names borrowed from cfg; NULL when
 * there are none. TIDE_ENOMEM. */
int  tide_config_modules(const tide_config *cfg, const char ***out, int *n, tide_err *err);

/* 0 when each of names[0..n) is a module of cfg; otherwise TIDE_ECONFIG
 * naming the unknown ones and the modules there are. */
int  tide_config_check_modules(const tide_config *cfg, const char *const *names, int n,
                               tide_err *err);

/* Pushes the resolved configuration as a Lua table (url masked).  [-0, +1, m] */
void tide_config_push(lua_State *L, const tide_config *cfg);

/* migrations.columnOrder and --column-order: "append" 0, "rebuild" 1, else -1. */
int  tide_config_column_order(const char *word);

#endif
