/* database.c — the SQLite driver's whole-database operations: a database is
 * a file, created by opening it and dropped by deleting it with the files
 * SQLite and tide keep beside it; a scratch database is a temporary file.
 * Also the catalog queries the core hands to migrations (columns, triggers). */
#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE 1      /* mkstemp */
#endif
#include "sqlite_internal.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Opening creates the file; 1 when there was none. */
int sqlite_create_database(const char *url, tide_err *err)
{
    tide_url u;
    tide_dconn *c = NULL;
    int rc, existed;
    if ((rc = tide_url_parse(&u, url, err)) < 0)
        return rc;
    existed = access(u.path, F_OK) == 0 || !strcmp(u.path, ":memory:");
    if ((rc = tide_sqlite_driver.connect(&u, &c, err)) == 0) {
        tide_sqlite_driver.close(c);
        rc = !existed;
    }
    tide_url_free(&u);
    return rc;
}

/* The file and its journal, WAL, shared-memory and runner's lock files. */
int sqlite_drop_database(const char *url, tide_err *err)
{
    static const char *const extra[] = { "-journal", "-wal", "-shm", ".tide-lock", NULL };
    char other[4096];
    tide_url u;
    int i, rc;
    if ((rc = tide_url_parse(&u, url, err)) < 0)
        return rc;
    if (strcmp(u.path, ":memory:") != 0) {
        if (unlink(u.path) < 0 && errno != ENOENT)
            rc = tide_err_set(err, TIDE_EIO, "cannot delete '%s': %s", u.path, strerror(errno));
        for (i = 0; rc == 0 && extra[i]; i++) {
            snprintf(other, sizeof other, "%s%s", u.path, extra[i]);
            unlink(other);
        }
    }
    tide_url_free(&u);
    return rc;
}

/* A fresh temporary file in TMPDIR (else /tmp). */
int sqlite_scratch_database(const char *url, tide_buf *out, tide_err *err)
{
    const char *dir = getenv("TMPDIR");
    char path[PATH_MAX];
    int fd;
    (void)url;
    snprintf(path, sizeof path, "%s/tide-test-XXXXXX", dir && *dir ? dir : "/tmp");
    if ((fd = mkstemp(path)) < 0)
        return tide_err_set(err, TIDE_EIO, "cannot create a scratch database in %s (set TMPDIR to "
                            "a writable folder)", dir && *dir ? dir : "/tmp");
    close(fd);
    return tide_buf_printf(out, "%s:%s", tide_sqlite_driver.name, path) < 0
           ? tide_err_set(err, TIDE_ENOMEM, "out of memory") : 0;
}

/* pragma_table_info; a schema is its second argument ("schema".pragma_table_info
 * would read the table of whichever database has it first). */
int sqlite_columns_sql(const char *schema, const char *table, tide_buf *sql, tide_value params[2],
                       int *nparams)
{
    params[0].type = TIDE_V_TEXT;
    params[0].u.s.p = table;
    params[0].u.s.len = strlen(table);
    params[1].type = TIDE_V_TEXT;
    params[1].u.s.p = schema;
    params[1].u.s.len = schema ? strlen(schema) : 0;
    *nparams = schema ? 2 : 1;
    return tide_buf_puts(sql, schema ? "select name from pragma_table_info(?, ?)"
                                     : "select name from pragma_table_info(?)") < 0 ? TIDE_ENOMEM : 0;
}
