/* inspect.c — the live database through the driver's introspection:
 * schema:inspect (as snapshot JSON) and schema:drift (the snapshot of the
 * last generated migration against what the database holds now). */
#include "schema/schema.h"
#include "db/driver.h"
#include "model/diff.h"
#include "model/snapshot.h"
#include "model/dsl_writer.h"
#include "runner/migration.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The live schema, finished; the tracking table is not part of it. The
 * namespaces read are those the snapshot knows (PostgreSQL). */
static int introspect(tide *t, const tide_schema *snap, int all, tide_schema **out, tide_err *err)
{
    const tide_driver *drv = tide_conn__driver(t->conn);
    const char *exclude[2], **names = NULL;
    tide_introspect_opts o;
    int rc, nnames = 0;
    *out = NULL;
    if (!drv->introspect)
        return tide_err_set(err, TIDE_EINVAL, "the %s driver cannot read a live schema", drv->name);
    if (!(*out = tide_schema_new()))
        return tide_err_set(err, TIDE_ENOMEM, "out of memory");
    memset(&o, 0, sizeof o);
    exclude[0] = t->mc->table_name;
    exclude[1] = t->lease_name;            /* the run lock's lease table */
    o.exclude = exclude;
    o.nexclude = 2;
    if (tide__covered_namespaces(snap, NULL, &names, &nnames) < 0) {
        tide_schema_free(*out);
        *out = NULL;
        return tide_err_set(err, TIDE_ENOMEM, "out of memory");
    }
    o.schemas = names;
    o.nschemas = nnames;
    o.all_schemas = all;
    if ((rc = drv->introspect(tide_conn__dconn(t->conn), &o, *out, err)) == 0)
        rc = tide_schema_finish(*out, err);
    if (rc == 0) {
        tide__limit_schema(t, *out);          /* --schema */
        tide__report_unmodelled(t, *out);
    }
    free(names);
    if (rc < 0) {
        tide_schema_free(*out);
        *out = NULL;
    }
    return rc;
}

int tide_inspect(tide *t, char **json_out, tide_err *err)
{
    tide_schema *s, *snap = NULL;
    tide_buf b = TIDE_BUF_INIT, path = TIDE_BUF_INIT;
    tide_err ignored;
    int rc;
    *json_out = NULL;
    if (tide__snapshot_path(t, &path, err) == 0 && access(path.data, F_OK) == 0)
        tide_snapshot_read(&snap, path.data, &ignored);   /* only for its namespaces */
    tide_buf_free(&path);
    rc = introspect(t, snap, 1, &s, err);      /* inspect shows the whole database */
    tide_schema_free(snap);
    if (rc < 0)
        return rc;
    if ((rc = tide_snapshot_render(s, &b, err)) == 0)
        *json_out = tide_buf_detach(&b);
    tide_buf_free(&b);
    tide_schema_free(s);
    return rc;
}

/* The whole live database, as schema:inspect shows it: every namespace,
 * those of the snapshot included. */
static int inspected(tide *t, tide_schema **out, tide_err *err)
{
    tide_schema *snap = NULL;
    tide_buf path = TIDE_BUF_INIT;
    tide_err ignored;
    int rc;
    if (tide__snapshot_path(t, &path, err) == 0 && access(path.data, F_OK) == 0)
        tide_snapshot_read(&snap, path.data, &ignored);   /* only for its namespaces */
    tide_buf_free(&path);
    rc = introspect(t, snap, 1, out, err);
    tide_schema_free(snap);
    return rc;
}

int tide__inspected(tide *t, tide_schema **out, tide_err *err) { return inspected(t, out, err); }

int tide_inspect_lua(tide *t, char **lua_out, tide_err *err)
{
    tide_schema *s;
    tide_buf b = TIDE_BUF_INIT;
    int rc;
    *lua_out = NULL;
    if ((rc = inspected(t, &s, err)) < 0)
        return rc;
    if ((rc = tide_schema_render_lua(s, &b, err)) == 0)
        *lua_out = tide_buf_detach(&b);
    tide_buf_free(&b);
    tide_schema_free(s);
    return rc;
}

/* A schema or table name that is a plain file name: no slash, not hidden. */
static int file_safe(const char *name)
{
    return name && *name && *name != '.' && !strchr(name, '/');
}

/* dir/<schema.>table.lua for each table of s, written atomically. */
static int write_table_files(const tide_schema *s, const char *dir, int *nfiles, tide_err *err)
{
    tide_buf path = TIDE_BUF_INIT, text = TIDE_BUF_INIT;
    int i, rc = 0;
    for (i = 0; rc == 0 && i < s->ntables; i++) {
        const tide_table *tb = s->tables[i];
        if (!file_safe(tb->name) || (tb->schema && !file_safe(tb->schema))) {
            rc = tide_err_set(err, TIDE_EINVAL, "table '%s%s%s' cannot be a file name; write the "
                              "schema as one file (schema:inspect --format lua > FILE)",
                              tb->schema ? tb->schema : "", tb->schema ? "." : "", tb->name);
            break;
        }
        tide_buf_reset(&path);
        tide_buf_reset(&text);
        if (tide_buf_printf(&path, "%s/%s%s%s.lua", dir, tb->schema ? tb->schema : "",
                            tb->schema ? "." : "", tb->name) < 0)
            rc = tide_err_set(err, TIDE_ENOMEM, "out of memory");
        else if ((rc = tide_schema_render_lua_table(s, tb, &text, err)) == 0 &&
                 (rc = tide_file_write_atomic(path.data, text.data, text.len, 0, err)) == 0)
            (*nfiles)++;
    }
    tide_buf_free(&path);
    tide_buf_free(&text);
    return rc;
}

/* The file of the objects on no table (views, sequences, functions...). */
#define OBJECTS_FILE "_objects"

/* dir/_objects.lua with the objects on no table (or on a view), when
 * there are some or the database holds what tide does not carry (said in
 * its notes). */
static int write_objects_file(const tide_schema *s, const char *dir, int *nfiles, tide_err *err)
{
    tide_buf path = TIDE_BUF_INIT, text = TIDE_BUF_INIT;
    int i, n = 0, rc = 0;
    for (i = 0; i < s->nobjects; i++)
        n += !s->objects[i].table || !tide_schema_find_table(s, s->objects[i].schema, s->objects[i].table);
    if (!n && !s->nunmodelled)
        return 0;
    if (tide_schema_find_table(s, NULL, OBJECTS_FILE))
        return tide_err_set(err, TIDE_EINVAL, "table '" OBJECTS_FILE "' has the name of the file of the "
                            "views, sequences and functions; write the schema as one file "
                            "(schema:inspect --format lua > FILE)");
    if (tide_buf_printf(&path, "%s/" OBJECTS_FILE ".lua", dir) < 0)
        rc = tide_err_set(err, TIDE_ENOMEM, "out of memory");
    else if ((rc = tide_schema_render_lua_objects(s, &text, err)) == 0 &&
             (rc = tide_file_write_atomic(path.data, text.data, text.len, 0, err)) == 0)
        (*nfiles)++;
    tide_buf_free(&path);
    tide_buf_free(&text);
    return rc;
}

int tide_inspect_lua_dir(tide *t, const char *dir, int *nfiles, tide_err *err)
{
    tide_schema *s;
    int rc;
    *nfiles = 0;
    if (mkdir(dir, 0777) < 0 && errno != EEXIST)
        return tide_err_set(err, TIDE_EIO, "cannot create the folder '%s': %s", dir, strerror(errno));
    if ((rc = inspected(t, &s, err)) < 0)
        return rc;
    if ((rc = write_table_files(s, dir, nfiles, err)) == 0)
        rc = write_objects_file(s, dir, nfiles, err);
    tide_schema_free(s);
    return rc;
}

static int push_line(char ***out, int *n, const char *line, tide_err *err)
{
    char **grown = realloc(*out, sizeof *grown * (size_t)(*n + 1));
    if (!grown)
        return tide_err_set(err, TIDE_ENOMEM, "out of memory");
    *out = grown;
    if (!(grown[*n] = tide_strdup(line)))
        return tide_err_set(err, TIDE_ENOMEM, "out of memory");
    (*n)++;
    return 0;
}

int tide_drift(tide *t, char ***out, int *n, tide_err *err)
{
    tide_schema *snap = NULL, *live = NULL;
    tide_buf path = TIDE_BUF_INIT, line = TIDE_BUF_INIT;
    tide_diff_opts o;
    tide_plan plan;
    int rc, i;
    *out = NULL;
    *n = 0;
    memset(&plan, 0, sizeof plan);
    if ((rc = tide__snapshot_path(t, &path, err)) < 0)
        goto done;
    if (access(path.data, F_OK) != 0) {
        rc = tide_err_set(err, TIDE_EIO, "no snapshot at %s: generate a migration first "
                          "(tide migration:create)", path.data);
        goto done;
    }
    if ((rc = tide_snapshot_read(&snap, path.data, err)) < 0 || (rc = introspect(t, snap, 0, &live, err)) < 0 ||
        (rc = tide__server_canonical(t->conn, snap, err)) < 0)
        goto done;
    tide__limit_schema(t, snap);
    memset(&o, 0, sizeof o);
    o.loose_exprs = 1;                  /* the database spells expressions its own way */
    o.no_comments = !tide_driver_can(tide_conn__driver(t->conn), TIDE_CAP_COMMENTS);
    o.column_rebuild = tide__column_rebuild(t, tide_conn__driver(t->conn));   /* the order is drift too */
    if ((rc = tide_diff(snap, live, &o, &plan, NULL, err)) < 0)
        goto done;
    for (i = 0; i < plan.n && rc == 0; i++) {
        tide_buf_reset(&line);
        if (tide_op_describe(&plan.ops[i], &line) < 0 ||
            (t->verbose && tide_op_describe_changes(&plan.ops[i], &line) < 0))   /* -v: old → new */
            rc = tide_err_set(err, TIDE_ENOMEM, "out of memory");
        else
            rc = push_line(out, n, line.data, err);
    }
done:
    tide_plan_free(&plan);
    tide_schema_free(snap);
    tide_schema_free(live);
    tide_buf_free(&path);
    tide_buf_free(&line);
    if (rc < 0) {
        for (i = 0; i < *n; i++)
            free((*out)[i]);
        free(*out);
        *out = NULL;
        *n = 0;
        return rc;
    }
    return *n;
}
