/* tide.h — the public C API of libtide.
 *
 * Ownership in one sentence: every pointer a tide_* function hands out through
 * an out-parameter is owned by the caller and released with the matching
 * tide_*_close/free; every pointer passed in is borrowed for the duration of
 * the call only (values in a tide_row are borrowed until the next
 * tide_cursor_next or tide_cursor_close).
 *
 * Errors are values: functions return 0 (or a positive count where stated) on
 * success and a negative TIDE_E* code on failure, with the message in a
 * caller-owned tide_err. Nothing in libtide prints, exits or longjmps.
 *
 * Threads: a tide_conn and its cursors belong to one thread at a time.
 */
#ifndef TIDE_H
#define TIDE_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define TIDE_VERSION "0.1.0"

/* Error codes: 0 is success, everything else is negative. */
typedef enum tide_code {
    TIDE_OK        =   0,
    TIDE_ERROR     =  -1,  /* anything not listed below */
    TIDE_ENOMEM    =  -2,  /* out of memory */
    TIDE_EINVAL    =  -3,  /* a bad argument from the caller (misuse) */
    TIDE_EURL      =  -4,  /* a malformed URL or an unknown scheme */
    TIDE_ECONNECT  =  -5,  /* the database refused or could not be reached */
    TIDE_ESQL      =  -6,  /* the database rejected a statement */
    TIDE_ELOCKED   =  -7,  /* a lock could not be taken in time */
    TIDE_ECLOSED   =  -8,  /* the handle was closed already */
    TIDE_EIO       =  -9,  /* a file could not be read or written */
    TIDE_ECONFIG   = -10,  /* the configuration is invalid */
    TIDE_ELUA      = -11,  /* a Lua error (syntax or runtime) */
    TIDE_EINTR     = -12   /* a run stopped by SIGINT or SIGTERM (handle_signals) */
} tide_code;

/* A failure, filled by the function that failed. Caller-owned; no cleanup.
 * code     one of tide_code
 * sqlstate the database's SQLSTATE ("" when there is none, e.g. SQLite)
 * msg      what failed, where and how to fix it; never holds a password
 * sql      the statement that failed (truncated), "" when none */
typedef struct tide_err {
    int  code;
    char sqlstate[6];
    char msg[1024];
    char sql[512];
} tide_err;

/* Resets err to "no error". */
void tide_err_clear(tide_err *err);

/* ---- values ----------------------------------------------------------- */

typedef enum tide_vtype {
    TIDE_V_NULL = 0,
    TIDE_V_BOOL,
    TIDE_V_INT,
    TIDE_V_FLOAT,
    TIDE_V_TEXT,
    TIDE_V_BLOB
} tide_vtype;

/* A borrowed value: text and blob point at memory owned by someone else.
 * Text is not necessarily NUL-terminated; len is authoritative. */
typedef struct tide_value {
    tide_vtype type;
    union {
        int     b;
        int64_t i;
        double  f;
        struct { const char *p; size_t len; } s;   /* TEXT and BLOB */
    } u;
} tide_value;

/* One row of a result: column names and values, both borrowed from the
 * cursor and valid until the next tide_cursor_next or tide_cursor_close. */
typedef struct tide_row {
    int ncols;
    const char *const *names;
    const tide_value *vals;
} tide_row;

/* ---- connections ------------------------------------------------------ */

typedef struct tide_conn tide_conn;
typedef struct tide_cursor tide_cursor;

/* Opens a connection. url: "sqlite:PATH", "sqlite::memory:",
 * "postgres://user:pw@host:port/db?sslmode=..." (or "postgresql://").
 * On success *out is a new connection, closed with tide_conn_close. */
int tide_conn_open(tide_conn **out, const char *url, tide_err *err);

/* Closes the connection (rolling back an open transaction). NULL is a no-op. */
void tide_conn_close(tide_conn *conn);

/* "sqlite" or "postgres". Never NULL. */
const char *tide_conn_dialect(const tide_conn *conn);

/* The connection's URL with the password masked. Borrowed from conn. */
const char *tide_conn_url(const tide_conn *conn);

/* Runs one statement with parameters bound to its `?` placeholders (in every
 * dialect). *affected (optional) receives the number of rows changed. */
int tide_conn_exec(tide_conn *conn, const char *sql, const tide_value *params,
                   int nparams, int64_t *affected, tide_err *err);

/* Runs a script of several statements separated by `;`, without
 * parameters, in order; stops at the first failure, which names it. */
int tide_conn_script(tide_conn *conn, const char *sql, tide_err *err);

/* Runs one statement and returns a cursor over its rows in *out. */
int tide_conn_query(tide_conn *conn, const char *sql, const tide_value *params,
                    int nparams, tide_cursor **out, tide_err *err);

/* The columns of table (in namespace schema; NULL: the default one) as a
 * cursor in *out, one row per column in their order, its name in the column
 * `name`; no rows when there is no such table. The driver writes the query. */
int tide_conn_columns(tide_conn *conn, const char *schema, const char *table,
                      tide_cursor **out, tide_err *err);

/* Advances: 1 with *row filled, 0 at the end, negative on failure. */
int tide_cursor_next(tide_cursor *cur, tide_row *row, tide_err *err);

/* Rows changed by the statement, valid once next has returned 0. */
int64_t tide_cursor_affected(const tide_cursor *cur);

/* Number of result columns (0 for a statement that returns no rows). */
int tide_cursor_ncols(const tide_cursor *cur);

/* Releases the cursor. NULL is a no-op. */
void tide_cursor_close(tide_cursor *cur);

/* Prepared statements: one statement with `?` placeholders, parsed once and
 * run many times (SQLite: sqlite3_prepare once; PostgreSQL: PREPARE on the
 * first run, again only when a run binds other parameter types). One
 * cursor of a statement at a time. Close every statement before its
 * connection; closing the connection first releases the statement's
 * database side, and tide_stmt_close then only frees it. */
typedef struct tide_stmt tide_stmt;
int  tide_conn_prepare(tide_conn *conn, const char *sql, tide_stmt **out, tide_err *err);
int  tide_stmt_query(tide_stmt *st, const tide_value *params, int nparams, tide_cursor **out,
                     tide_err *err);
int  tide_stmt_exec(tide_stmt *st, const tide_value *params, int nparams, int64_t *affected,
                    tide_err *err);
const char *tide_stmt_sql(const tide_stmt *st);
void tide_stmt_close(tide_stmt *st);

/* Transactions. begin nests: the outermost is a transaction, inner ones are
 * savepoints; commit and rollback end the innermost level. */
int tide_conn_begin(tide_conn *conn, tide_err *err);
int tide_conn_commit(tide_conn *conn, tide_err *err);
int tide_conn_rollback(tide_conn *conn, tide_err *err);
int tide_conn_txdepth(const tide_conn *conn);   /* 0 outside a transaction */

/* The runner's lock, named by key: held until unlock or close; waits up to
 * timeout_ms milliseconds, then fails with TIDE_ELOCKED. */
int tide_conn_lock(tide_conn *conn, const char *key, int timeout_ms, tide_err *err);
int tide_conn_unlock(tide_conn *conn, const char *key, tide_err *err);

/* Reports every statement about to run on conn (fn NULL: stop). Used for
 * --verbose and --dry-run; fn must not use conn. */
typedef void (*tide_trace_fn)(void *ud, const char *sql);
void tide_conn_set_trace(tide_conn *conn, tide_trace_fn fn, void *ud);

/* ---- the runner ------------------------------------------------------- */

struct lua_State;

/* An open project: its configuration, a connection and the Lua state its
 * migrations run in. One thread at a time. */
typedef struct tide tide;

typedef enum tide_event_kind {
    TIDE_EV_MIGRATING = 1,  /* name, down: a migration is about to run */
    TIDE_EV_MIGRATED,       /* name, down, duration_ms: it ran (not yet committed) */
    TIDE_EV_SQL,            /* text: a statement about to run (verbose, dry run) */
    TIDE_EV_LOG,            /* name, text: m:log() output */
    TIDE_EV_WARNING,        /* text: something the user should know */
    TIDE_EV_PROGRESS        /* name, done, total: m:progress() */
} tide_event_kind;

/* Borrowed for the duration of the callback. */
typedef struct tide_event {
    tide_event_kind kind;
    const char *module;     /* "" for the project's own migrations */
    const char *name;       /* the migration, or NULL */
    const char *text;       /* SQL, log line or warning, or NULL */
    int down;               /* 1 while reverting */
    double duration_ms;
    int64_t done, total;
} tide_event;

typedef void (*tide_event_fn)(void *ud, const tide_event *ev);

/* How to open a project. Every field is optional (zero = default). */
typedef struct tide_options {
    const char *config_file;   /* default: TIDE_CONFIG, else ./tide.lua when present */
    const char *url;           /* overrides the configuration and TIDE_DATABASE_URL */
    const char *module;        /* a module of the configuration; NULL: the project's own */
    int verbose;               /* report every statement (TIDE_EV_SQL) */
    struct lua_State *L;       /* the host's Lua state to run migrations in; NULL: tide
                                  makes and owns one. tide registers its modules into it. */
    tide_conn *conn;           /* a connection to use instead of opening one (borrowed; it
                                  must outlive the tide). A run joins a transaction open on it. */
    tide_event_fn on_event;    /* progress and warnings; NULL: none */
    void *event_ud;
    const char *schema;        /* schema:* commands: this PostgreSQL namespace only
                                  ("public" for the default one); NULL: all covered */
    /* A yes/no question for the user (migration:create asks whether a
     * dropped and an added object are a rename); 1 yes, 0 no. NULL: never
     * asked, a warning is given instead. Called with event_ud. */
    int (*ask)(void *ud, const char *question);
    /* When the database cannot be reached, open anyway on an empty
     * in-memory database, so that what only reads files works (migration:lint
     * lints statically then); tide_offline says why. 0: fail as usual. */
    int offline_ok;
    /* Runs (tide_up, tide_down) catch SIGINT and SIGTERM while they last:
     * the first cancels the statement and the Lua code in progress, the
     * run rolls back, unlocks and fails with TIDE_EINTR naming the
     * migration; a second signal gets the default action (exit at once).
     * The previous handlers are put back after each run. 0: tide installs
     * no handler (an embedding host keeps its own). */
    int handle_signals;
    /* Plan every change but drops (tables, columns, views and the other
     * objects, enum types): what is left out is reported as a warning
     * naming it. The CLI's --no-drop; the configuration's migrations.noDrop
     * does the same. For a database that also holds what the definitions
     * do not describe. */
    int no_drop;
    /* How a plan places a column the definitions put between others on a
     * database that adds columns last (PostgreSQL): 0 as the
     * configuration's migrations.columnOrder says, 1 "append" (it goes
     * last), 2 "rebuild" (the table is made again in the definitions'
     * order). The CLI's --column-order. */
    int column_order;
    /* The command only reads the database: a database file that does not
     * exist yet (a URL naming a file) is not created; an empty in-memory
     * database of the same kind stands in for it. */
    int read_only;
    /* The folders the command reads (TIDE_NEEDS_*), checked before the
     * connection is opened: a command that would fail on its configuration
     * fails before anything (a database file, a lock file) is written. */
    unsigned needs;
} tide_options;

#define TIDE_NEEDS_MIGRATIONS 1u   /* the migrations folder (none with migrations.list) */
#define TIDE_NEEDS_SCHEMA     2u   /* the schema folders */
#define TIDE_NEEDS_SEEDERS    4u   /* the seeders folder */

/* The signal (SIGINT, SIGTERM) that interrupted the last run of this
 * process started with handle_signals, or 0: a CLI's exit code, 128 + it. */
int  tide_interrupt_signal(void);

/* Opens the project; *out is closed with tide_close. */
int  tide_open(tide **out, const tide_options *opts, tide_err *err);
void tide_close(tide *t);      /* NULL is a no-op; closes what tide opened, not opts->conn */

/* The database URL tide_open would connect to with opts (opts->url, else
 * TIDE_DATABASE_URL, else the configuration's url, else sqlite:tide.db),
 * without connecting: the configuration is read (in opts->L when given).
 * *url_out (free()) is not masked: never print it. TIDE_ECONFIG, TIDE_ENOMEM. */
int  tide_config_url(const tide_options *opts, char **url_out, tide_err *err);

/* The connection (borrowed from t). */
tide_conn *tide_connection(tide *t);

/* NULL when t is connected to its database; with offline_ok, why it could
 * not be reached (borrowed from t). */
const char *tide_offline(const tide *t);

/* Which migrations a run takes. Names may be full names, file names or
 * unique prefixes (a timestamp). */
typedef struct tide_run_options {
    const char *from;          /* up: from this one on */
    const char *to;            /* up: up to and including; down: down to, excluding ("0": all) */
    const char *only;          /* just this one */
    int dry_run;               /* run inside a transaction that is rolled back */
    int allow_out_of_order;    /* also run pending migrations older than the newest executed */
    const char *backup;        /* take a backup to this file before running; refused when it exists */
} tide_run_options;

/* One migration's state. Strings owned by the list. */
typedef struct tide_migration_status {
    char *module;
    char *name;
    char *status;              /* "applied", "running" or "pending" */
    char *executed_at;         /* ISO 8601 UTC; NULL when pending */
    int64_t duration_ms;
    char *checksum;            /* recorded SHA-256, NULL when none */
    int changed;               /* the file differs from what was executed */
    int missing;               /* executed, but its file is gone */
} tide_migration_status;

typedef struct tide_status_list {
    tide_migration_status *items;
    int n;
} tide_status_list;

void tide_status_list_free(tide_status_list *list);   /* leaves it empty */

/* Runs pending migrations. done (optional) receives those applied. */
int tide_up(tide *t, const tide_run_options *opts, tide_status_list *done, tide_err *err);

/* Reverts executed migrations (the last one by default). done (optional)
 * receives those reverted. */
int tide_down(tide *t, const tide_run_options *opts, tide_status_list *done, tide_err *err);

/* Pending, executed (with changed/missing marked) migrations. pending
 * lists first the migrations left "running" by an interrupted run (status
 * "running": neither done nor to be done until tide_resolve settles them),
 * then those never run. */
int tide_pending(tide *t, tide_status_list *out, tide_err *err);
int tide_executed(tide *t, tide_status_list *out, tide_err *err);

/* Executed migrations whose file changed or is missing, or that an
 * interrupted run left "running", in out; returns their number (0: all
 * good) or a negative code. */
int tide_validate(tide *t, tide_status_list *out, tide_err *err);

/* Settles a migration left "running" by a crash: applied (1) keeps it as
 * executed, rolled back (0) forgets it. */
int tide_resolve(tide *t, const char *name, int applied, tide_err *err);

/* Marks a migration executed without running it / forgets it without
 * reverting (the "fake" of other tools). */
int tide_log(tide *t, const char *name, tide_err *err);
int tide_unlog(tide *t, const char *name, tide_err *err);

/* Writes an empty migration MigrationYYYYMMDDHHMMSS[_label].lua into the
 * migrations folder; *path_out (optional, free()) receives its path. */
int tide_create_blank(tide *t, const char *label, char **path_out, tide_err *err);

/* ---- generating migrations from the schema definitions (SPEC 6) ------- */

typedef struct tide_create_options {
    const char *name;          /* label for the file name: Migration<ts>_<name>.lua */
    int blank;                 /* an empty migration; the definitions are not read */
    int initial;               /* the database has the schema already: write the first
                                  migration from the definitions and mark it executed */
    int dump;                  /* write nothing: *sql_out receives the up SQL */
    const char *dump_format;   /* with dump: NULL or "sql", or "mermaid" / "dot": *sql_out
                                  receives a diagram of the change instead (tables added,
                                  changed and dropped marked) */
    struct tide_lint_report *lint;  /* optional: the lint findings of the new up SQL
                                       (not with blank or initial); free it after */
} tide_create_options;

/* Diffs the definitions against the snapshot; when they differ, writes a
 * migration (up and down) and the new snapshot. *path_out (free()) is the
 * file written, NULL when there was nothing to do; with dump, *sql_out
 * (free()) is the SQL instead. Either out-parameter may be NULL. */
int tide_create_migration(tide *t, const tide_create_options *opts, char **path_out,
                          char **sql_out, tide_err *err);

/* *needed = 1 when the definitions differ from the snapshot. */
int tide_check_migration(tide *t, int *needed, tide_err *err);

/* ---- the live database ------------------------------------------------ */

/* The live schema (introspected; the tracking table left out) as snapshot
 * JSON in *json_out (free()). */
int tide_inspect(tide *t, char **json_out, tide_err *err);

/* The live database (or, from_definitions, the schema definitions) drawn as
 * an entity-relationship diagram in *out (free()): format "dot" (Graphviz),
 * "mermaid" (a flowchart), or "svg" (dot's drawing: Graphviz's `dot` must
 * be on PATH, else TIDE_EINVAL says how to install it). Tables with their
 * columns, types (a "?" after a nullable one) and keys; foreign keys as
 * edges labelled with their columns; views a shape of their own; one
 * cluster per namespace (the default one named after the module). */
int tide_diagram(tide *t, const char *format, int from_definitions, char **out, tide_err *err);

/* What differs between the snapshot of the last generated migration and the
 * live database: one line per difference in *out (free each and the array;
 * *n of them). Returns the number of differences, or a negative code. With
 * verbose (-v), an altered column's line says what differs, snapshot →
 * database: "alter column user.age: type integer → bigint, nullable no → yes". */
int tide_drift(tide *t, char ***out, int *n, tide_err *err);

/* ---- migration:test: the migrations on a scratch database ------------- */

/* One problem migration:test found. Strings owned by the report. */
typedef struct tide_test_problem {
    char *migration;           /* the migration it comes from; NULL when none can be named */
    char *step;                /* "up", "snapshot", "down", "up again" or "cleanup" */
    char *message;             /* what is wrong, and for a difference which object */
} tide_test_problem;

typedef struct tide_test_report {
    tide_test_problem *items;
    int n;
    int migrations;            /* migrations tested */
    int snapshot_checked;      /* 0: there is no snapshot, the comparison was skipped */
    char *scratch;             /* the scratch database's URL, password masked; gone by now */
} tide_test_report;

/* On a scratch database (a temporary SQLite file, or a PostgreSQL database
 * created next to the configured one and dropped, also on failure): every
 * migration up one at a time, the result compared with the snapshot, every
 * one down again (each must give back the schema from before its up, down to
 * an empty database), then up again. The configured database is never
 * touched. Returns the number of problems in *out (free it with
 * tide_test_report_free), or a negative code when the test itself could not
 * run (no scratch database, say). */
int  tide_migration_test(tide *t, tide_test_report *out, tide_err *err);
void tide_test_report_free(tide_test_report *r);   /* leaves it empty */

/* ---- the schema generator: definitions straight to a database --------- */

typedef enum tide_schema_action {
    TIDE_SCHEMA_CREATE = 1,    /* the definitions, from nothing */
    TIDE_SCHEMA_UPDATE,        /* the live database to the definitions */
    TIDE_SCHEMA_DROP           /* the definitions' objects, and nothing else */
} tide_schema_action;

typedef struct tide_schema_options {
    int safe;                  /* never drop tables or columns */
    int no_drop_tables;        /* never drop tables */
} tide_schema_options;

/* The SQL of the action in *sql_out (free()); "" when there is nothing to do. */
int tide_schema_sql(tide *t, tide_schema_action action, const tide_schema_options *opts,
                    char **sql_out, tide_err *err);

/* Runs the action's SQL in one transaction (foreign keys off around it
 * where the runner would switch them off). */
int tide_schema_run(tide *t, tide_schema_action action, const tide_schema_options *opts,
                    tide_err *err);

/* SQL that turns from into to: each a database URL, a snapshot file, or the
 * word "definitions". With run, the SQL is executed on from (a URL). */
int tide_schema_diff(tide *t, const char *from, const char *to, int run, char **sql_out,
                     tide_err *err);

/* Creates the database url names when it does not exist: PostgreSQL
 * through its maintenance database "postgres"; SQLite by opening the file.
 * Returns 1 when it was created, 0 when it was there already. */
int tide_create_database(const char *url, tide_err *err);

/* Drops the database url names (schema:drop --drop-db): PostgreSQL through
 * its maintenance database "postgres"; SQLite by deleting the file and its
 * journal, WAL and lock files. No tide may have it open. */
int tide_drop_database(const char *url, tide_err *err);

/* Drops every table and enum of the namespaces tide covers, then creates
 * the definitions (schema:fresh, Lua refreshDatabase). */
int tide_refresh_database(tide *t, tide_err *err);

/* Deletes every row of the definitions' tables, keeping the schema. */
int tide_clear_database(tide *t, tide_err *err);

/* The live schema as schema definitions in the DSL (one stream), in
 * *lua_out (free()). */
int tide_inspect_lua(tide *t, char **lua_out, tide_err *err);

/* schema:inspect --format lua --out DIR: the live database
 * written as one file per table, DIR/<table>.lua or DIR/<schema>.<table>.lua
 * (with the triggers and policies on that table), and the other objects
 * (views, sequences, functions...) in DIR/_objects.lua when there are some
 * (DIR is created when missing; files of the same name are replaced, other
 * files are left alone). *nfiles is the number of files written. Returns 0;
 * TIDE_EINVAL for a table name that cannot be a file name (or a table named
 * _objects beside such objects); TIDE_EIO; or the errors of introspection. */
int tide_inspect_lua_dir(tide *t, const char *dir, int *nfiles, tide_err *err);

/* ---- seeders ------------------------------------------------------------ */

/* Runs seeders/<name>.lua (default seeder.defaultSeeder). */
int tide_seed(tide *t, const char *name, tide_err *err);

/* The seeder tide_seed(t, name) runs: name, or when name is NULL or "" the
 * configuration's seeder.defaultSeeder. Borrowed from name or from t. */
const char *tide_seeder_name(const tide *t, const char *name);

/* Writes seeders/<Name>.lua with an empty run function. */
int tide_seeder_create(tide *t, const char *name, char **path_out, tide_err *err);

/* migration:fresh: drops every table, enum and the tracking table in the
 * namespaces tide covers, runs every migration, then seeds when seed is set
 * (name NULL: the default seeder). */
int tide_fresh(tide *t, int seed, const char *seeder, tide_err *err);

/* ---- modules: Medusa's db:* commands (SPEC 2 and 3) ------------------ */

/* Each module of the configuration is a migration set of its own (its
 * schema folders, migrations folder and snapshot) sharing the project's
 * tracking table. The tide_modules_* functions work on an open project (no
 * module chosen) and open each set in turn on its Lua state, configuration
 * and connection; events name the set in ev->module. Module names are
 * checked against the configuration before anything runs (TIDE_ECONFIG
 * naming the known ones). A failure in one set stops the run: the sets
 * before it stay done and are listed in the report, which names the one
 * that failed. */

/* What one set did. Strings owned by the report. */
typedef struct tide_module_result {
    char *module;              /* the module; "" for the project's own migrations */
    char *path;                /* generate: the migration written; NULL when nothing changed */
    tide_status_list done;     /* migrate, rollback: the migrations applied or reverted */
} tide_module_result;

typedef struct tide_module_report {
    tide_module_result *items; /* the sets done, in the order they ran */
    int n;
    char *failed;              /* the set that failed ("" the project's own); NULL when none did */
} tide_module_report;

void tide_module_report_free(tide_module_report *r);   /* leaves it empty */

/* Which modules; every field is optional. */
typedef struct tide_modules_options {
    const char *const *names;  /* the modules to work on, in this order */
    int nnames;
    /* called after each set is done, before the next one opens (to print as
     * it goes); r is borrowed for the call */
    void (*on_module)(void *ud, const tide_module_result *r);
    void *ud;
} tide_modules_options;

/* db:generate: migration:create (default options) in each named module
 * (one at least: TIDE_EINVAL otherwise); a module whose definitions match
 * its snapshot gets no file (path NULL). */
int tide_modules_generate(tide *t, const tide_modules_options *opts, tide_module_report *out,
                          tide_err *err);

/* db:migrate: migration:up in each named module; none named, the project's
 * own migrations first (when it has a migrations folder or list), then every
 * module in the configured order: a list's order, a map's by name. */
int tide_modules_migrate(tide *t, const tide_modules_options *opts, tide_module_report *out,
                         tide_err *err);

/* db:rollback: migration:down (the last migration) in each named module
 * (one at least: TIDE_EINVAL otherwise). */
int tide_modules_rollback(tide *t, const tide_modules_options *opts, tide_module_report *out,
                          tide_err *err);

/* ---- migration:lint (SPEC 8) ---------------------------------------- */

typedef enum tide_lint_severity {
    TIDE_LINT_INFO = 0,
    TIDE_LINT_WARNING,
    TIDE_LINT_ERROR            /* migration:lint exits 1 when there is one */
} tide_lint_severity;

/* One risky statement. Strings owned by the report. */
typedef struct tide_lint_finding {
    char *migration;           /* the migration's name */
    int statement;             /* 1-based statement of its up; 0: the migration as a whole */
    char *sql;                 /* the statement ("" for statement 0) */
    char *rule;                /* "column-dropped", ... (README lists them) */
    tide_lint_severity severity;
    char *message;             /* what is risky, naming the table or column */
    char *fix;                 /* one line: what to do instead */
} tide_lint_finding;

typedef struct tide_lint_report {
    tide_lint_finding *items;
    int n;
    int migrations;            /* migrations linted */
    int statements;            /* statements read */
    int errors, warnings;      /* findings by severity */
} tide_lint_report;

/* Which migrations tide_lint reads: names (full names, file names or unique
 * prefixes), else every one with all, else the pending ones. */
typedef struct tide_lint_options {
    const char *const *names;
    int nnames;
    int all;
} tide_lint_options;

/* Lints the up statements of the chosen migrations. Pending ones run in a
 * transaction that is rolled back (as migration:up --dry-run) so that what
 * Lua code and DDL helpers send is seen; others, and all when offline, are
 * read from their files (Lua: the strings given to m:addSql/m:execute,
 * reported as partly linted). *out is filled (free it with
 * tide_lint_report_free) even when findings are errors; a negative code
 * means the lint itself failed (a name matching nothing, a broken file). */
int  tide_lint(tide *t, const tide_lint_options *opts, tide_lint_report *out, tide_err *err);
void tide_lint_report_free(tide_lint_report *r);   /* leaves it empty */

/* ---- URLs ------------------------------------------------------------- */

/* A copy of url with any password replaced by "***" (malloc'd; free() it).
 * Returns NULL only when out of memory. Never fails on malformed input. */
char *tide_url_mask(const char *url);

#ifdef __cplusplus
}
#endif
#endif
