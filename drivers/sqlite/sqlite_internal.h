/* sqlite_internal.h — what the files of the SQLite driver share: the
 * connection struct and the entry points of introspect.c. Not part of the
 * driver contract (driver.h is). */
#ifndef TIDE_SQLITE_INTERNAL_H
#define TIDE_SQLITE_INTERNAL_H

#include <signal.h>
#include <sqlite3.h>

#include "db/driver.h"

struct tide_dconn {
    sqlite3 *db;
    char *path;         /* as the user wrote it, for messages */
    char *lock_path;    /* absolute "<db>.tide-lock"; NULL for :memory: */
    int lock_fd;        /* -1 when the runner's lock is not held */
    int depth;          /* transaction levels opened through begin */
    volatile sig_atomic_t interrupted;   /* set by interrupt, from a signal handler */
};

/* The driver's introspect (driver.h): reads the main database into out, a
 * new empty schema that the caller owns and finishes. SQLite has no
 * namespaces: opts->schemas is ignored; opts->exclude names tables to leave
 * out (compared without regard to ASCII case, as SQLite compares names).
 * Internal sqlite_* tables, virtual tables, views and triggers are left out. */
int sqlite_introspect(tide_dconn *c, const tide_introspect_opts *opts, tide_schema *out,
                      tide_err *err);

/* Statements introspection has prepared in this process, for the test that
 * the count does not grow with the number of tables. */
int sqlite_introspect__queries(void);

/* The name a rebuild gives the table it fills, "<table>" SQLITE_REBUILD_SUFFIX,
 * before it takes the old one's (emit.c writes it, sql_fail reads it back). */
#define SQLITE_REBUILD_SUFFIX "__tide_new"

/* The SQL of a plan (emit.c). */
int sqlite_emit(const tide_plan *plan, tide_sql_list *out, tide_err *err);
int sqlite_convert(const tide_column *to, const char *qsrc, const char *qdst, tide_buf *expr,
                   tide_buf *misfit);
int sqlite_normalize(tide_schema *s, tide_err *err);
/* Column types and defaults as SQLite keeps them (coltype.c). */
/* 1 when c's declared type makes it the rowid as a one-column key: exactly
 * INTEGER, in any case ("INT" and "int4" do not). */
int sqlite_rowid_type(const tide_column *c);
/* A default written "text" (one double-quoted token, which SQLite takes for
 * a string in a default) as the literal 'text' into out: 1, 0 when d is not
 * one, or TIDE_ENOMEM. */
int sqlite_string_default(const char *d, tide_buf *out);
/* 0, or TIDE_ECONFIG naming the column when its declared type is not a type
 * name SQLite would read back as one; a spelling SQLite's grammar lacks whose
 * canonical form it has ("timestamp(3) with time zone") is written canonical
 * (declared set to NULL). */
int sqlite_check_declared(const tide_table *t, tide_column *c, tide_err *err);
int sqlite_triggers(tide_dconn *c, const char *table, tide_sql_list *out, tide_err *err);

/* The CREATE TRIGGER statements of a table (`?`), in a column sql: read by
 * sqlite_triggers, and written into generated migrations (triggers_sql). */
#define SQLITE_TRIGGERS_SQL "select sql from sqlite_master where type = 'trigger' and tbl_name = ? collate nocase"

/* Whole databases and catalog queries (database.c; see driver.h). */
int sqlite_create_database(const char *url, tide_err *err);
int sqlite_drop_database(const char *url, tide_err *err);
int sqlite_scratch_database(const char *url, tide_buf *out, tide_err *err);
int sqlite_columns_sql(const char *schema, const char *table, tide_buf *sql, tide_value params[2],
                       int *nparams);

/* The driver's backup (backup.c). */
int sqlite_backup(tide_dconn *c, const char *path, tide_err *err);

#endif
