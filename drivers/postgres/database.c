/* database.c — the PostgreSQL driver's whole-database operations: create
 * and drop database run on the server's maintenance database "postgres"
 * (the same URL with the database part replaced), a scratch database is a
 * new database beside the configured one. Also the catalog query the core
 * hands to migrations for a table's columns. */
#include "db/driver.h"
#include "pg_internal.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define MAINTENANCE_DB "postgres"

static const tide_driver *const drv = &tide_postgres_driver;

/* Runs sql with params on c to its end; *found: whether it gave a row. */
static int run_on(tide_dconn *c, const char *sql, const tide_value *params, int n, int *found,
                  tide_err *err)
{
    tide_dcursor *cur = NULL;
    tide_row row;
    int rc;
    if ((rc = drv->query(c, sql, params, n, &cur, err)) < 0)
        return rc;
    if ((rc = drv->step(cur, &row, err)) > 0 && found)
        *found = 1;
    while (rc > 0)
        rc = drv->step(cur, &row, err);
    drv->finish(cur);
    return rc;
}

/* The name pg_scratch_database gives: tide_test_<pid>_<six digits>. */
static int is_scratch_name(const char *name)
{
    const char *p = name;
    if (strncmp(p, "tide_test_", 10))
        return 0;
    p += 10;
    if (!(*p >= '0' && *p <= '9'))
        return 0;
    while (*p >= '0' && *p <= '9')
        p++;
    if (*p++ != '_')
        return 0;
    for (int i = 0; i < 6; i++, p++)
        if (!(*p >= '0' && *p <= '9'))
            return 0;
    return *p == '\0';
}

/* On the maintenance database of url: "<verb> database <name>" when
 * `exists` is what pg_database says, else nothing; *acted says which.
 * force: WITH (FORCE) on a server that has it (13 and later), ending the
 * sessions still on the database. */
static int on_database(const char *url, const char *verb, int when_exists, int force, int *acted,
                       tide_err *err)
{
    tide_url u, admin_u;
    tide_buf admin = TIDE_BUF_INIT, stmt = TIDE_BUF_INIT;
    tide_dconn *conn = NULL;
    tide_value name;
    int rc, exists = 0;
    *acted = 0;
    memset(&admin_u, 0, sizeof admin_u);
    if ((rc = tide_url_parse(&u, url, err)) < 0)
        return rc;
    if (!u.dbname || !strcmp(u.dbname, MAINTENANCE_DB)) {
        rc = tide_err_set(err, TIDE_EINVAL, "'%s' names no database of its own", u.masked);
        goto done;
    }
    if ((rc = tide_url_with_dbname(&admin, url, MAINTENANCE_DB)) < 0) {
        rc = tide_err_set(err, rc, "cannot derive the maintenance database from '%s'", u.masked);
        goto done;
    }
    if ((rc = tide_url_parse(&admin_u, admin.data, err)) < 0 || (rc = drv->connect(&admin_u, &conn, err)) < 0)
        goto done;
    memset(&name, 0, sizeof name);
    name.type = TIDE_V_TEXT;
    name.u.s.p = u.dbname;
    name.u.s.len = strlen(u.dbname);
    if ((rc = run_on(conn, "select 1 from pg_database where datname = ?", &name, 1, &exists, err)) < 0 ||
        exists != when_exists)
        goto done;
    if (force) {
        int has_force = 0;
        if ((rc = run_on(conn, "select 1 where current_setting('server_version_num')::int >= 130000",
                         NULL, 0, &has_force, err)) < 0)
            goto done;
        force = has_force;
    }
    if (tide_buf_printf(&stmt, "%s database ", verb) < 0 || drv->quote_ident(&stmt, u.dbname) < 0 ||
        (force && tide_buf_puts(&stmt, " with (force)") < 0)) {
        rc = tide_err_set(err, TIDE_ENOMEM, "out of memory");
        goto done;
    }
    if ((rc = run_on(conn, stmt.data, NULL, 0, NULL, err)) == 0)
        *acted = 1;
done:
    drv->close(conn);
    tide_buf_free(&admin);
    tide_buf_free(&stmt);
    tide_url_free(&admin_u);
    tide_url_free(&u);
    return rc;
}

int pg_create_database(const char *url, tide_err *err)
{
    int acted, rc = on_database(url, "create", 0, 0, &acted, err);
    return rc < 0 ? rc : acted;
}

/* A scratch database of migration:test is tide's own: it is dropped WITH
 * (FORCE), since a pooler in front of the server (PgBouncer) keeps its idle
 * connections to it open after tide has closed its own. Any other database
 * is dropped only when nobody is connected, as PostgreSQL does. */
int pg_drop_database(const char *url, tide_err *err)
{
    tide_url u;
    int acted, rc, scratch;
    if ((rc = tide_url_parse(&u, url, err)) < 0)
        return rc;
    scratch = u.dbname && is_scratch_name(u.dbname);
    tide_url_free(&u);
    return on_database(url, "drop", 1, scratch, &acted, err);
}

/* A new database tide_test_<pid>_<random> next to the one url names. */
int pg_scratch_database(const char *url, tide_buf *out, tide_err *err)
{
    char name[64];
    int rc;
    srand((unsigned)time(NULL) ^ (unsigned)getpid());
    snprintf(name, sizeof name, "tide_test_%d_%06d", (int)getpid(), rand() % 1000000);
    if ((rc = tide_url_with_dbname(out, url, name)) == TIDE_EURL)
        return tide_err_set(err, TIDE_EURL, "migration:test needs the database URL to make a "
                            "scratch database next to it");
    if (rc < 0)
        return tide_err_set(err, TIDE_ENOMEM, "out of memory");
    if ((rc = pg_create_database(out->data, err)) < 0) {
        tide_err_wrap(err, "cannot create the scratch database (the role needs CREATEDB): ", NULL);
        return rc;
    }
    return rc == 1 ? 0 : tide_err_set(err, TIDE_ERROR, "the scratch database existed already; run again");
}

/* information_schema, in the connection's current schema unless one is named. */
int pg_columns_sql(const char *schema, const char *table, tide_buf *sql, tide_value params[2],
                   int *nparams)
{
    params[0].type = schema ? TIDE_V_TEXT : TIDE_V_NULL;
    params[0].u.s.p = schema;
    params[0].u.s.len = schema ? strlen(schema) : 0;
    params[1].type = TIDE_V_TEXT;
    params[1].u.s.p = table;
    params[1].u.s.len = strlen(table);
    *nparams = 2;
    return tide_buf_puts(sql, "select column_name as name from information_schema.columns "
                              "where table_schema = coalesce(?, current_schema()) and table_name = ? "
                              "order by ordinal_position") < 0 ? TIDE_ENOMEM : 0;
}
