/* driver.h — the contract between the core and a database driver.
 *
 * A driver is a versioned table of functions; fields are only ever appended
 * (check `version` before using a field added later). Drivers never include
 * lua.h, never print and never exit: every failure is a negative tide_code
 * with the message (and for SQL, sqlstate and statement) in the tide_err.
 * Dialect knowledge (quoting, placeholders, locks, savepoint syntax) lives
 * only behind this table.
 */
#ifndef TIDE_DRIVER_H
#define TIDE_DRIVER_H

#include "tide.h"
#include "core/buf.h"
#include "db/url.h"
#include "model/model.h"
#include "model/diff.h"

#define TIDE_DRIVER_VERSION 9

/* What a database can do (tide_driver.caps, version 7). The core asks these,
 * never the dialect's name. */
enum {
    TIDE_CAP_COMMENTS       = 1u << 0,  /* keeps comments on tables and columns */
    TIDE_CAP_ENUM_TYPES     = 1u << 1,  /* an enum is a type of its own; else a text
                                           column with a check, made by t.col :enum */
    TIDE_CAP_NAMESPACES     = 1u << 2,  /* tables live in named schemas ("crm.lead") */
    TIDE_CAP_SAVEPOINTS     = 1u << 3,  /* begin nests (m:transaction, db:transaction) */
    TIDE_CAP_DEFERRABLE     = 1u << 4,  /* foreign keys may be DEFERRABLE */
    TIDE_CAP_VIRTUAL_TABLES = 1u << 5,  /* virtual tables (left out of introspection) */
    TIDE_CAP_NOCASE_IDENTS  = 1u << 6,  /* identifiers compare with ASCII case folded, quoted
                                           or not ("USERS" is users): its normalize and
                                           introspection set tide_schema.nocase */
    TIDE_CAP_ENUM_VALUE_COMMIT = 1u << 7, /* (version 9) a value added to an enum type cannot be
                                           used before the transaction that added it commits */
    TIDE_CAP_COLUMNS_APPENDED = 1u << 8   /* a column added to a table goes after its others
                                           (no position: ALTER TABLE ... ADD COLUMN) */
};

/* How a migration run waits for locks (driver version 9, run_limits):
 * migrations.lockWait and statementTimeout. */
typedef struct tide_run_limits {
    int lock_timeout_ms;       /* each try waits this long for a lock; 0: no bound, no retry */
    int retries;               /* tries after the first */
    int backoff_ms;            /* pause before a retry, doubled each time */
    int statement_timeout_ms;  /* 0: none */
    int lease_expiry_ms;       /* the run lock is a lease row that expires this long after
                                  the last heartbeat; 0: the database's own lock */
    const char *lease_table;   /* the lease's table (quoted, may be schema-qualified) */
} tide_run_limits;

typedef struct tide_dconn tide_dconn;       /* a driver's connection, opaque */
typedef struct tide_dcursor tide_dcursor;   /* a driver's cursor, opaque */
typedef struct tide_dstmt tide_dstmt;       /* a driver's prepared statement, opaque */
struct tide_lint_ctx;                       /* lint.h */
struct tide_lint_stmt;

/* What introspection reads. */
typedef struct tide_introspect_opts {
    const char *const *schemas;   /* PostgreSQL namespaces to read; none: "public" */
    int nschemas;
    const char *const *exclude;   /* table names to leave out (the tracking table) */
    int nexclude;
    int all_schemas;              /* every user namespace (schemas ignored) */
} tide_introspect_opts;

typedef struct tide_driver {
    unsigned version;          /* TIDE_DRIVER_VERSION when built */
    const char *name;          /* the dialect's name (db.dialect); also its first URL scheme */
    int transactional_ddl;     /* 1 when DDL rolls back with its transaction */

    /* Opens a connection described by url. On failure *out stays NULL and
     * nothing is leaked. Messages name the host/port or path, never a password. */
    int  (*connect)(const tide_url *url, tide_dconn **out, tide_err *err);

    /* Closes; rolls back an open transaction; releases held locks.
     * close(NULL) is a no-op. Open cursors must have been finished. */
    void (*close)(tide_dconn *c);

    /* Prepares and starts one statement with `?` placeholders bound to
     * params (nparams may be 0; then the SQL is sent as written, so a `?`
     * operator needs no escaping). A count mismatch is TIDE_EINVAL. */
    int  (*query)(tide_dconn *c, const char *sql, const tide_value *params,
                  int nparams, tide_dcursor **out, tide_err *err);

    /* 1 and *row filled (borrowed until the next step/finish), 0 at the
     * end, negative on failure. Types out: NULL as TIDE_V_NULL, booleans as
     * BOOL, integers as INT, floating point as FLOAT, binary as BLOB, the
     * rest as TEXT. */
    int  (*step)(tide_dcursor *cur, tide_row *row, tide_err *err);

    /* Rows changed by the statement; valid after step returned 0. */
    int64_t (*affected)(const tide_dcursor *cur);

    /* Releases the cursor. finish(NULL) is a no-op. */
    void (*finish)(tide_dcursor *cur);

    /* Runs several `;`-separated statements without parameters, in order;
     * the first failure stops the script and is reported with that
     * statement in err->sql. */
    int  (*script)(tide_dconn *c, const char *sql, tide_err *err);

    /* Nesting transactions: depth 0 → BEGIN, deeper → SAVEPOINT. commit and
     * rollback end the innermost level; outside a transaction they fail
     * with TIDE_EINVAL. */
    int  (*begin)(tide_dconn *c, tide_err *err);
    int  (*commit)(tide_dconn *c, tide_err *err);
    int  (*rollback)(tide_dconn *c, tide_err *err);
    int  (*txdepth)(const tide_dconn *c);

    /* The runner's cross-process lock named key; waits up to timeout_ms,
     * then TIDE_ELOCKED naming the key. Held until unlock or close. */
    int  (*lock)(tide_dconn *c, const char *key, int timeout_ms, tide_err *err);
    int  (*unlock)(tide_dconn *c, const char *key, tide_err *err);

    /* Appends ident quoted as an identifier / v as a SQL literal. */
    int  (*quote_ident)(tide_buf *out, const char *ident);
    int  (*quote_literal)(tide_buf *out, const tide_value *v);

    /* Columns of the statement's result (0 for statements without one),
     * known once the statement has been started. */
    int  (*ncols)(const tide_dcursor *cur);

    /* Foreign keys while migrating (migrations.disableForeignKeys). Called
     * outside any transaction. fk_disable sets *disabled to 1 when checks are
     * off, 0 when this role may not turn them off (not an error: the caller
     * warns). fk_check, before commit, fails with TIDE_ESQL describing the
     * first violations when rows break a foreign key (a no-op where disabling
     * never lets such rows in). */
    int  (*fk_disable)(tide_dconn *c, int *disabled, tide_err *err);
    int  (*fk_enable)(tide_dconn *c, tide_err *err);
    int  (*fk_check)(tide_dconn *c, tide_err *err);

    /* Reads the live schema into out (a new, empty schema the caller owns
     * and finishes afterwards): tables, columns, keys, uniques, indexes,
     * foreign keys, checks, enums, comments, with types and defaults written
     * the way tide's DSL writes them (see model.h), so that a schema created
     * from definitions reads back equal. A constant number of queries,
     * however many tables. Objects beside tables (model.h, tide_object_kinds)
     * are read for the kinds the database has, with reads[] from its catalog
     * where it keeps them; those an extension made are left out. NULL in
     * drivers without it. */
    int  (*introspect)(tide_dconn *c, const tide_introspect_opts *opts, tide_schema *out,
                       tide_err *err);

    /* Appends the dialect's statements for plan to out, in order. An
     * operation the dialect cannot express is TIDE_EINVAL naming it. */
    int  (*emit)(const tide_plan *plan, tide_sql_list *out, tide_err *err);

    /* Turns a finished model (definitions) into what this dialect stores, so
     * that what introspection reads back compares equal: e.g. SQLite keeps no
     * comments, and its AUTOINCREMENT key is always "integer". NULL: nothing
     * to do. */
    int  (*normalize)(tide_schema *s, tide_err *err);

    /* Appends the statements that create the triggers of table again (for
     * an emitter's TIDE_SQL_SAVE_TRIGGERS / RESTORE_TRIGGERS around a
     * rebuild). NULL where emitters never ask. */
    int  (*triggers)(tide_dconn *c, const char *table, tide_sql_list *out, tide_err *err);

    /* Version 2. Writes a backup of the connected database to path, a file
     * that must not exist yet (it is created, never overwritten; on failure
     * it is removed again). SQLite: the online backup API; PostgreSQL:
     * pg_dump -Fc, with the password only in the child's PGPASSWORD. NULL in
     * drivers without it. */
    int  (*backup)(tide_dconn *c, const char *path, tide_err *err);

    /* Version 3. How m:changeColumnType converts a column: into expr, the
     * SQL that turns the value of column qsrc (quoted) into a value of
     * column `to`'s type when assigned to the new column; into misfit, a
     * predicate over the new column qdst that is true for a row whose value
     * did not really convert (SQLite stores 'abc' in an integer column as
     * text), or nothing when the database refuses such values itself. */
    int  (*convert)(const tide_column *to, const char *qsrc, const char *qdst, tide_buf *expr,
                    tide_buf *misfit);

    /* Version 4. The dialect's migration:lint rules for one statement (see
     * lint.h): called before the generic rules, it asks the context what is
     * known (created by this migration, rows, column types) and reports
     * through tide_lint__report. Fails only when out of memory. NULL: none. */
    int  (*lint)(struct tide_lint_ctx *ctx, const struct tide_lint_stmt *stmt, tide_err *err);

    /* Version 5. Called from a signal handler (SIGINT, SIGTERM during a
     * run), so async-signal-safe only: makes the statement running on c, if
     * any, fail soon (PQcancel, sqlite3_interrupt), and a wait for the
     * runner's lock give up. The next lock call clears it. */
    void (*interrupt)(tide_dconn *c);

    /* Version 6. Prepared statements (db:prepare): prepare parses one
     * statement with `?` placeholders once; run starts it with params as
     * query does, giving a cursor for step/affected/finish, after which the
     * statement can run again (one cursor of a statement at a time: a
     * second run while one is open is TIDE_EINVAL); unprepare releases it,
     * and must come before close. NULL in drivers without them. */
    int  (*prepare)(tide_dconn *c, const char *sql, tide_dstmt **out, tide_err *err);
    int  (*run)(tide_dstmt *st, const tide_value *params, int nparams, tide_dcursor **out,
                tide_err *err);
    void (*unprepare)(tide_dstmt *st);

    /* Version 7. What the database can do: TIDE_CAP_* flags. */
    unsigned caps;

    /* Version 7. The URL schemes naming this driver (NULL-terminated, the
     * first is name; the others are folded into it when a URL is parsed),
     * and how the rest of such a URL reads (url.h): TIDE_URL_PATH
     * "scheme:PATH" or TIDE_URL_SERVER "scheme://user:password@host:port/db". */
    const char *const *schemes;
    int url_form;

    /* Version 7. Creates the database url names (one of this driver's
     * schemes) unless it exists: 1 when it was created, 0 when it was there.
     * drop_database removes it with whatever the driver keeps beside it,
     * and is 0 also when there was none; no connection may have it open.
     * NULL in drivers that cannot. */
    int  (*create_database)(const char *url, tide_err *err);
    int  (*drop_database)(const char *url, tide_err *err);

    /* Version 7. Makes a new, empty database for throwaway use next to the
     * one url names (migration:test): appends its URL to out; drop_database
     * removes it afterwards. NULL in drivers that cannot. */
    int  (*scratch_database)(const char *url, tide_buf *out, tide_err *err);

    /* Version 7. The query a generated migration runs before a rebuild to
     * keep a table's triggers (TIDE_SQL_SAVE_TRIGGERS): one `?`, the table
     * name; each row's `sql` is a statement creating one trigger again,
     * run after the rebuild (TIDE_SQL_RESTORE_TRIGGERS). NULL where the
     * emitter never asks. */
    const char *triggers_sql;

    /* Version 7. Appends to sql the query listing the columns of table
     * (schema: its namespace; NULL: the default one), one row per column in
     * their order, the name in a column `name`; fills params[0..1] (borrowing
     * schema and table) and *nparams. Fails only when out of memory. */
    int  (*columns_sql)(const char *schema, const char *table, tide_buf *sql,
                        tide_value params[2], int *nparams);

    /* Version 8. Sets `canonical` of the objects of s (definitions: finished
     * and normalized) to the database's own spelling of them, the text
     * introspection of a live database gives for the same object once
     * finished, so that hand-written SQL compares equal to what the server
     * stores: called wherever definitions are compared with a live
     * database. The database must not change: PostgreSQL creates the
     * definitions in a scratch namespace inside a transaction it rolls
     * back. Definitions that the database refuses fail with the message
     * naming the object. NULL: the text's canonical form is enough. */
    int  (*canonicalize)(tide_dconn *c, tide_schema *s, tide_err *err);

    /* Version 9. The limits of a migration run (see tide_run_limits): set
     * before the run takes its lock, cleared (NULL) after it released it.
     * A statement that times out waiting for a lock is retried; when the
     * tries are used up it fails naming the table, the pid holding the lock
     * and its query. NULL in drivers without them. */
    int  (*run_limits)(tide_dconn *c, const tide_run_limits *l, tide_err *err);
} tide_driver;

/* Whether drv says it can do cap (a TIDE_CAP_* flag); 0 for a driver built
 * before capabilities existed. */
static inline int tide_driver_can(const tide_driver *drv, unsigned cap)
{
    return drv->version >= 7 && (drv->caps & cap) != 0;
}

extern const tide_driver tide_sqlite_driver;
extern const tide_driver tide_postgres_driver;

/* The registry (drivers/registry.c): every driver tide is built with,
 * NULL-terminated, in the order messages list them. */
extern const tide_driver *const tide_drivers[];

/* The driver one of whose schemes is the n bytes at scheme, or NULL. */
const tide_driver *tide_driver_for_scheme(const char *scheme, size_t n);

/* The driver a URL's scheme names, without connecting; NULL for a URL
 * that does not parse. */
const tide_driver *tide_driver_for_url(const char *url);

/* The driver behind an open connection and its own handle (core-internal). */
const tide_driver *tide_conn__driver(const tide_conn *conn);
tide_dconn *tide_conn__dconn(const tide_conn *conn);

#endif
