/* generator.c — migration:create and migration:check: the definitions
 * (schema folders, through the DSL) against the snapshot of the last
 * generated migration; the difference becomes a readable Lua migration (one
 * m:addSql per statement, a header listing the changes and warnings) and a
 * new snapshot. The migration file is written before the snapshot, and
 * removed again when the snapshot cannot be written, so the two never
 * disagree. */
#include "schema/schema.h"
#include "db/driver.h"
#include "lua/model_lua.h"
#include "lua/runtime.h"
#include "model/snapshot.h"
#include "model/diagram.h"
#include "db/url.h"
#include "lint/lint_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* migrations/.snapshot-<name>.json; name: snapshotName, else the database's. */
int tide__snapshot_path(tide *t, tide_buf *out, tide_err *err)
{
    tide_url u;
    const char *name = t->mc->snapshot_name, *base;
    char derived[256] = "tide";
    int rc;
    if (!name) {
        if ((rc = tide_url_parse(&u, t->cfg.url, err)) < 0)
            return rc;
        if (u.path) {                                   /* sqlite:dir/app.db -> app */
            base = strrchr(u.path, '/') ? strrchr(u.path, '/') + 1 : u.path;
            snprintf(derived, sizeof derived, "%.*s", (int)strcspn(base, "."), base);
            if (!strcmp(u.path, ":memory:"))
                snprintf(derived, sizeof derived, "memory");
        } else if (u.dbname) {
            snprintf(derived, sizeof derived, "%s", u.dbname);
        }
        tide_url_free(&u);
        name = derived;
    }
    return tide_buf_printf(out, "%s/.snapshot-%s.json", t->mc->path, name) < 0
           ? tide_err_set(err, TIDE_ENOMEM, "out of memory") : 0;
}

/* The snapshot, or an empty schema when there is none yet. */
static int load_snapshot(const char *path, tide_schema **out, tide_err *err)
{
    if (access(path, F_OK) != 0) {
        if (!(*out = tide_schema_new()))
            return tide_err_set(err, TIDE_ENOMEM, "out of memory");
        return tide_schema_finish(*out, err);
    }
    return tide_snapshot_read(out, path, err);
}

/* The definition folders of the project, or of its current module. */
static char *const *definition_dirs(tide *t, int *n)
{
    int i;
    for (i = 0; t->module[0] && i < t->cfg.nmodules; i++)
        if (!strcmp(t->cfg.modules[i].name, t->module)) {
            *n = t->cfg.modules[i].nschema;
            return t->cfg.modules[i].schema;
        }
    *n = t->cfg.nschema;
    return t->cfg.schema;
}

/* The digest of the definition files, salted with what else decides their
 * model: tide's version, the dialect that normalizes it, the module. */
static int definitions_digest(tide *t, char digest[TIDE_DIGEST_SIZE], tide_schema_texts *keep,
                              tide_err *err)
{
    char salt[300];
    int n;
    char *const *dirs = definition_dirs(t, &n);
    snprintf(salt, sizeof salt, "tide " TIDE_VERSION "|%s|%s", tide__driver(t)->name, t->module);
    return tide_schema_dirs_digest(dirs, n, salt, digest, keep, err);
}

/* The definitions, as the database's dialect will store them; their digest
 * recorded in the model when they read nothing outside their own text.
 * texts: the files as the digest read them (NULL: read them). */
static int load_definitions(tide *t, const char *digest, const tide_schema_texts *texts, tide_schema **out,
                            tide_err *err)
{
    const tide_driver *drv = tide__driver(t);
    int n, rc;
    char *const *dirs = definition_dirs(t, &n);
    tide_runtime_outside_reset(t->L);
    if ((rc = tide_schema_load_dirs_texts(out, t->L, dirs, n, texts, err)) < 0 ||
        (drv->normalize && (rc = drv->normalize(*out, err)) < 0))
        return rc;
    if (digest && !tide_runtime_reads_outside(t->L) && !((*out)->digest = tide_schema_str(*out, digest)))
        return tide_err_set(err, TIDE_ENOMEM, "out of memory");
    return 0;
}

/* For the schema generator and the others that write no snapshot: no digest
 * to compute (only migration:create records one). */
int tide__load_definitions(tide *t, tide_schema **out, tide_err *err)
{
    return load_definitions(t, NULL, NULL, out, err);
}

int tide__server_canonical(tide_conn *conn, tide_schema *s, tide_err *err)
{
    const tide_driver *drv = conn ? tide_conn__driver(conn) : NULL;
    if (!s || !drv || drv->version < 8 || !drv->canonicalize)
        return 0;
    return drv->canonicalize(tide_conn__dconn(conn), s, err);
}

/* A SQLite rebuild drops the old table: with foreign keys on, that fires
 * ON DELETE CASCADE on its children, and PRAGMA foreign_keys cannot change
 * inside the migration's transaction. Keeping the table's triggers in the
 * migration file takes the driver's query for them. */
static int refuse_unsafe_rebuild(tide *t, const tide_sql_list *sql, tide_err *err)
{
    const tide_driver *drv = tide__driver(t);
    int i;
    for (i = 0; sql->kinds && i < sql->n; i++)
        if (sql->kinds[i] != TIDE_SQL_STATEMENT && (drv->version < 7 || !drv->triggers_sql))
            return tide_err_set(err, TIDE_EINVAL, "the %s driver cannot keep triggers", drv->name);
        else if (sql->kinds[i] == TIDE_SQL_SAVE_TRIGGERS && !t->mc->disable_foreign_keys)
            return tide_err_set(err, TIDE_ECONFIG, "this change rebuilds table '%s' on SQLite, which "
                                "needs migrations.disableForeignKeys = true (the default): with foreign "
                                "keys on, dropping the old table would run ON DELETE CASCADE on its "
                                "children. Nothing was written.", sql->items[i]);
    return 0;
}

static void explain(void *ud, const char *line)
{
    tide__emit(ud, TIDE_EV_LOG, "diff", line, 0, 0);
}

static int ask_rename(void *ud, const char *what, const char *from, const char *to)
{
    tide *t = ud;
    char question[700];
    snprintf(question, sizeof question, "Was %s '%s' renamed to '%s'?", what, from, to);
    return t->ask(t->event_ud, question);
}

/* The pieces of one generation: both schemas, both plans. */
typedef struct generation {
    tide_schema *from, *to;        /* from may hold tables of to: freed first */
    tide_plan up, down;
    tide_buf snapshot;
    tide_snapshot_reuse reuse;     /* the old snapshot's text of to's tables, when it was read against to */
} generation;

static void generation_free(generation *g)
{
    tide_plan_free(&g->up);
    tide_plan_free(&g->down);
    tide_schema_free(g->from);
    tide_schema_free(g->to);
    tide_buf_free(&g->snapshot);
    tide_snapshot_reuse_free(&g->reuse);
}

/* The snapshot at path (there is one), the tables that did not change
 * taken from g->to rather than read: each of to's tables is rendered and
 * compared with the old one's text (which is then what the new snapshot
 * copies). */
static int read_against(tide *t, generation *g, const char *path, tide_err *err)
{
    char line[200];
    int unchanged = 0, rc;
    if ((rc = tide_snapshot_read_against(&g->from, path, g->to, &g->reuse, &unchanged, err)) < 0)
        return rc;
    if (t->verbose) {
        snprintf(line, sizeof line, "the snapshot: %d of its %d tables unchanged (not read again: "
                 "the definitions' own)", unchanged, g->from->ntables);
        explain(t, line);
    }
    return 0;
}

static int diff_definitions(tide *t, generation *g, int from_empty, tide_err *err)
{
    tide_diff_opts o;
    tide_schema_texts texts = { NULL, NULL, 0 };
    char digest[TIDE_DIGEST_SIZE], recorded[TIDE_DIGEST_SIZE];
    int rc;
    memset(g, 0, sizeof *g);
    memset(&o, 0, sizeof o);
    o.safe = t->mc->safe;
    o.keep_tables = !t->mc->drop_tables;
    o.no_drop = t->no_drop;
    o.no_comments = !tide_driver_can(tide__driver(t), TIDE_CAP_COMMENTS);
    o.column_rebuild = tide__column_rebuild(t, tide__driver(t));
    o.explain = t->verbose ? explain : NULL;
    o.ask_rename = t->ask ? ask_rename : NULL;
    o.ud = t;
    if ((rc = tide__snapshot_path(t, &g->snapshot, err)) < 0)
        return rc;
    if ((rc = definitions_digest(t, digest, &texts, err)) < 0) {
        tide_schema_texts_free(&texts);
        return rc;
    }
    if (!from_empty && tide_snapshot_read_digest(g->snapshot.data, recorded, sizeof recorded) &&
        !strcmp(recorded, digest)) {
        tide_schema_texts_free(&texts);
        if (t->verbose)
            explain(t, "the definition files are those the snapshot was written from (same digest): "
                    "nothing to evaluate, no changes");
        return 0;                        /* both plans empty */
    }
    rc = load_definitions(t, digest, &texts, &g->to, err);   /* run from the bytes digested */
    tide_schema_texts_free(&texts);
    if (rc < 0)
        return rc;
    if (from_empty && access(g->snapshot.data, F_OK) == 0)
        return tide_err_set(err, TIDE_EINVAL, "there is a snapshot already (%s): --initial is only for "
                            "the first migration of a database that has the schema", g->snapshot.data);
    if (!from_empty && access(g->snapshot.data, F_OK) == 0)
        rc = read_against(t, g, g->snapshot.data, err);
    else
        rc = load_snapshot(from_empty ? "" : g->snapshot.data, &g->from, err);
    if (rc < 0)
        return rc;
    return tide_diff(g->from, g->to, &o, &g->up, &g->down, err);
}

/* ---- the migration file ----------------------------------------------------- */

/* The shortest long-bracket level whose closing bracket the SQL lacks. */
static int bracket_level(const char *sql)
{
    char close[16];
    int level;
    for (level = 0; level < 10; level++) {
        snprintf(close, sizeof close, "]%.*s]", level, "==========");
        if (!strstr(sql, close) && sql[strlen(sql) ? strlen(sql) - 1 : 0] != ']')
            return level;
    }
    return level;
}

/* A table name as a Lua string literal, and as part of a Lua identifier;
 * query: the driver's triggers_sql. */
static int put_triggers(tide_buf *b, const char *query, tide_sql_kind kind, const char *table, int n)
{
    if (kind == TIDE_SQL_SAVE_TRIGGERS)
        return tide_buf_printf(b, "    -- the triggers of this table, re-created after its rebuild\n"
                               "    local triggers%d = m:execute([[%s]], %s)\n", n, query, table);
    return tide_buf_printf(b, "    for _, trigger in ipairs(triggers%d) do m:addSql(trigger.sql) end\n", n);
}

static int put_statements(tide_buf *b, const tide_driver *drv, const tide_sql_list *sql)
{
    int i, rc = 0, saved = 0;
    tide_buf quoted = TIDE_BUF_INIT;
    for (i = 0; i < sql->n && rc == 0; i++) {
        int lv = bracket_level(sql->items[i]);
        if (sql->kinds && sql->kinds[i] != TIDE_SQL_STATEMENT) {
            int lq = bracket_level(sql->items[i]);
            tide_buf_reset(&quoted);
            rc = tide_buf_printf(&quoted, "[%.*s[%s]%.*s]", lq, "==========", sql->items[i], lq, "==========");
            if (rc == 0)
                rc = put_triggers(b, drv->triggers_sql, sql->kinds[i], quoted.data,
                                  sql->kinds[i] == TIDE_SQL_SAVE_TRIGGERS ? ++saved : saved);
            continue;
        }
        /* "    m:addSql [==[SQL]==]": added piece by piece, since printf's
         * "%s" of a long statement copies it twice (3% of a large create) */
        if ((rc = tide_buf_puts(b, "    m:addSql [")) == 0 && (rc = tide_buf_add(b, "==========", (size_t)lv)) == 0 &&
            (rc = tide_buf_putc(b, '[')) == 0 && (rc = tide_buf_puts(b, sql->items[i])) == 0 &&
            (rc = tide_buf_putc(b, ']')) == 0 && (rc = tide_buf_add(b, "==========", (size_t)lv)) == 0)
            rc = tide_buf_puts(b, "]\n");
    }
    tide_buf_free(&quoted);
    return rc;
}

/* "--   text" with line breaks written as \n: a name holding one must not
 * end the comment and put the rest of itself in the file as Lua code. */
static int put_comment(tide_buf *b, const char *text)
{
    int rc = tide_buf_puts(b, "--   ");
    while (*text && rc == 0) {
        size_t n = strcspn(text, "\r\n");         /* the run up to a line break, in one */
        rc = tide_buf_add(b, text, n);
        text += n;
        if (*text && rc == 0)
            rc = tide_buf_puts(b, *text++ == '\n' ? "\\n" : "\\r");
    }
    return rc;
}

/* ---- enum values added and used in one change ---------------------------- */

int tide__split_enum_adds(const tide_driver *drv, const tide_plan *plan, tide_plan *adds, tide_plan *rest,
                          tide_err *err)
{
    int i;
    memset(adds, 0, sizeof *adds);
    memset(rest, 0, sizeof *rest);
    if (drv->version < 9 || !tide_driver_can(drv, TIDE_CAP_ENUM_VALUE_COMMIT))
        return 0;
    for (i = 0; i < plan->n && plan->ops[i].kind != TIDE_OP_ADD_ENUM_VALUE; i++)
        ;
    if (i == plan->n)
        return 0;
    *adds = *rest = *plan;
    adds->warnings = rest->warnings = NULL;
    adds->nwarnings = rest->nwarnings = 0;
    adds->n = rest->n = 0;
    adds->ops = calloc((size_t)plan->n + 1, sizeof *adds->ops);
    rest->ops = calloc((size_t)plan->n + 1, sizeof *rest->ops);
    if (!adds->ops || !rest->ops) {
        free(adds->ops);
        free(rest->ops);
        adds->ops = rest->ops = NULL;
        return tide_err_set(err, TIDE_ENOMEM, "out of memory");
    }
    for (i = 0; i < plan->n; i++) {
        if (plan->ops[i].kind == TIDE_OP_ADD_ENUM_VALUE)
            adds->ops[adds->n++] = plan->ops[i];
        else
            rest->ops[rest->n++] = plan->ops[i];
    }
    if (rest->n)
        return 1;
    free(adds->ops);
    free(rest->ops);
    adds->ops = rest->ops = NULL;
    return 0;
}

/* Where a value added to an enum cannot be used before its transaction
 * commits (TIDE_CAP_ENUM_VALUE_COMMIT), the additions go first, each on its
 * own, and the rest runs in a transaction of its own: *pre gets the
 * additions' SQL and *up the rest, when the rest names one of the added
 * values (as a default, in a check, in data). Else *pre stays empty. */
static int split_enum_values(tide *t, const generation *g, tide_sql_list *up, tide_sql_list *pre,
                             tide_err *err)
{
    const tide_driver *drv = tide__driver(t);
    tide_plan adds, rest;
    tide_sql_list rest_sql = { NULL, NULL, 0 };
    tide_buf lit = TIDE_BUF_INIT;
    int i, j, used = 0, rc;
    if ((rc = tide__split_enum_adds(drv, &g->up, &adds, &rest, err)) <= 0)
        return rc;
    rc = 0;
    if ((rc = drv->emit(&rest, &rest_sql, err)) < 0)
        goto done;
    for (i = 0; i < adds.n && !used; i++) {
        tide_value v;
        v.type = TIDE_V_TEXT;
        v.u.s.p = adds.ops[i].value;
        v.u.s.len = strlen(adds.ops[i].value);
        tide_buf_reset(&lit);
        if (drv->quote_literal(&lit, &v) < 0) {
            rc = tide_err_set(err, TIDE_ENOMEM, "out of memory");
            goto done;
        }
        for (j = 0; j < rest_sql.n && !used; j++)
            used = (!rest_sql.kinds || rest_sql.kinds[j] == TIDE_SQL_STATEMENT) &&
                   strstr(rest_sql.items[j], lit.data) != NULL;
    }
    if (!used)
        goto done;
    if ((rc = drv->emit(&adds, pre, err)) < 0)
        goto done;
    tide_sql_list_free(up);
    *up = rest_sql;
    rest_sql.items = NULL;
    rest_sql.kinds = NULL;
    rest_sql.n = 0;
done:
    tide_sql_list_free(&rest_sql);
    tide_buf_free(&lit);
    free(adds.ops);
    free(rest.ops);
    return rc;
}

/* Whether op adds a column that the definitions put before one of the
 * table's columns, on a database that adds columns last: the table's order
 * will differ from the definitions' (said in the change list). */
static int appended_early(const tide_driver *drv, const tide_op *op)
{
    int i, after = 0;
    if (op->kind != TIDE_OP_ADD_COLUMN || !op->old_table || !op->table || !op->column ||
        !tide_driver_can(drv, TIDE_CAP_COLUMNS_APPENDED))
        return 0;
    for (i = 0; i < op->table->ncolumns; i++) {
        const char *name = op->table->columns[i].name;
        if (after && tide_table_find_column(op->old_table, name))
            return 1;                    /* an older column comes after it */
        after = after || !strcmp(name, op->column->name);
    }
    return 0;
}

/* Whether the plan rebuilds table t (columnOrder = rebuild). */
static int plan_rebuilds(const tide_plan *plan, const tide_table *t)
{
    int i;
    for (i = 0; i < plan->n; i++)
        if (plan->ops[i].kind == TIDE_OP_REBUILD_TABLE && plan->ops[i].table == t)
            return 1;
    return 0;
}

static int render_migration(const tide_driver *drv, const char *name, const generation *g,
                            const tide_sql_list *pre, const tide_sql_list *up,
                            const tide_sql_list *down, tide_buf *b)
{
    int i, rc, split = pre && pre->n > 0;
    tide_buf line = TIDE_BUF_INIT;         /* one for every change: formatted into the room it has */
    rc = tide_buf_printf(b, "-- %s: generated by tide migration:create from the schema "
                            "definitions.\n--\n-- changes:\n", name);
    if (rc == 0)
        rc = tide_buf_grow(&line, 255);
    for (i = 0; i < g->up.n && rc == 0; i++) {
        tide_buf_reset(&line);
        rc = tide_op_describe(&g->up.ops[i], &line);
        if (rc == 0 && appended_early(drv, &g->up.ops[i]))
            rc = tide_buf_puts(&line, plan_rebuilds(&g->up, g->up.ops[i].table)
                                      ? " (table rebuilt to place it: columnOrder = rebuild)"
                                      : " (goes last: the database has no column positions)");
        if (rc == 0) rc = put_comment(b, line.data ? line.data : "");
        if (rc == 0) rc = tide_buf_puts(b, g->up.ops[i].destructive ? "   (loses data)\n" : "\n");
    }
    tide_buf_free(&line);
    if (rc == 0 && g->up.nwarnings)
        rc = tide_buf_puts(b, "--\n-- warnings:\n");
    for (i = 0; i < g->up.nwarnings && rc == 0; i++)
        if ((rc = put_comment(b, g->up.warnings[i])) == 0)
            rc = tide_buf_putc(b, '\n');
    if (rc == 0 && !split) {
        rc = tide_buf_puts(b, "return {\n  up = function(m)\n");
        if (rc == 0) rc = put_statements(b, drv, up);
        if (rc == 0) rc = tide_buf_puts(b, "  end,\n\n  down = function(m)\n");
        if (rc == 0) rc = put_statements(b, drv, down);
        if (rc == 0) rc = tide_buf_puts(b, "  end,\n}\n");
    } else if (rc == 0) {
        /* the new enum values must be committed before anything uses them */
        rc = tide_buf_puts(b, "return {\n  -- The database cannot use an enum value in the transaction that adds it:\n"
                              "  -- the values are added first, each committed on its own, then the rest\n"
                              "  -- runs in one transaction (m:transaction).\n"
                              "  transactional = false,\n\n  up = function(m)\n");
        if (rc == 0) rc = put_statements(b, drv, pre);
        if (rc == 0) rc = tide_buf_puts(b, "    m:transaction(function()\n");
        if (rc == 0) rc = put_statements(b, drv, up);
        if (rc == 0) rc = tide_buf_puts(b, "    end)\n  end,\n\n  down = function(m)\n"
                                           "    m:transaction(function()\n");
        if (rc == 0) rc = put_statements(b, drv, down);
        if (rc == 0) rc = tide_buf_puts(b, "    end)\n  end,\n}\n");
    }
    return rc < 0 ? TIDE_ENOMEM : 0;
}

static int emit_both(tide *t, const generation *g, tide_sql_list *up, tide_sql_list *down, tide_err *err)
{
    const tide_driver *drv = tide__driver(t);
    int rc;
    if (!drv->emit)
        return tide_err_set(err, TIDE_EINVAL, "the %s driver cannot write SQL for schema changes", drv->name);
    if ((rc = drv->emit(&g->up, up, err)) < 0)
        return rc;
    return drv->emit(&g->down, down, err);
}

/* Writes the migration, then the snapshot; undoes the first when the second fails. */
static int write_both(tide *t, const generation *g, const tide_sql_list *pre, const tide_sql_list *up,
                      const tide_sql_list *down, const tide_create_options *o, char **path_out,
                      tide_err *err)
{
    tide_buf name = TIDE_BUF_INIT, path = TIDE_BUF_INIT, text = TIDE_BUF_INIT;
    int rc;
    if ((rc = tide__migration_name(t, o->name, &name, &path, err)) < 0 ||
        (rc = render_migration(tide__driver(t), name.data, g, pre, up, down, &text)) < 0)
        goto done;
    if ((rc = tide_file_write_atomic(path.data, text.data, text.len, 1, err)) < 0)
        goto done;
    if ((rc = tide_snapshot_write_reusing(g->to, &g->reuse, g->snapshot.data, err)) < 0) {
        unlink(path.data);
        goto done;
    }
    if (o->initial) {
        tide_err ignored;
        if ((rc = tide_log(t, name.data, err)) < 0) {
            unlink(path.data);
            unlink(g->snapshot.data);
            (void)ignored;
            goto done;
        }
    }
    if (path_out)
        *path_out = tide_buf_detach(&path);
done:
    if (rc == TIDE_ENOMEM && err && !err->msg[0])
        tide_err_set(err, TIDE_ENOMEM, "out of memory");
    tide_buf_free(&name);
    tide_buf_free(&path);
    tide_buf_free(&text);
    return rc;
}

/* The new migration's up, linted (SPEC 8); its findings are warnings. */
static int lint_new(tide *t, const char *path, const tide_sql_list *up, tide_lint_report *out,
                    tide_err *err)
{
    char name[256] = "(new migration)";
    if (path) {
        const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
        snprintf(name, sizeof name, "%.*s", (int)strcspn(base, "."), base);
    }
    return tide__lint_sql(t, name, up, out, err);
}

/* migration:create --dump --format mermaid|dot: the change drawn. */
static int change_diagram(tide *t, const generation *g, const char *format, char **out, tide_err *err)
{
    tide_buf b = TIDE_BUF_INIT;
    tide_diagram_format f;
    if (!strcmp(format, "mermaid"))
        f = TIDE_DIAGRAM_MERMAID;
    else if (!strcmp(format, "dot"))
        f = TIDE_DIAGRAM_DOT;
    else
        return tide_err_set(err, TIDE_EINVAL, "--format with --dump is sql, mermaid or dot, not '%s'", format);
    if (tide_model_diagram_change(g->from, g->to, &g->up, f, t->module[0] ? t->module : NULL, &b) < 0) {
        tide_buf_free(&b);
        return tide_err_set(err, TIDE_ENOMEM, "out of memory");
    }
    *out = tide_buf_detach(&b);
    return 0;
}

/* The definitions' text changed but not what they define: the snapshot
 * records their new digest (its one "definitions" line), so that the next
 * run does not evaluate them again. */
static int record_digest(const generation *g, tide_err *err)
{
    char recorded[TIDE_DIGEST_SIZE];
    if (!g->to || !g->to->digest || access(g->snapshot.data, F_OK) != 0 ||
        (tide_snapshot_read_digest(g->snapshot.data, recorded, sizeof recorded) && !strcmp(recorded, g->to->digest)))
        return 0;
    return tide_snapshot_set_digest(g->snapshot.data, g->to->digest, err);
}

int tide_create_migration(tide *t, const tide_create_options *o, char **path_out, char **sql_out,
                          tide_err *err)
{
    static const tide_create_options none;
    generation g;
    tide_sql_list up = { NULL, NULL, 0 }, down = { NULL, NULL, 0 }, pre = { NULL, NULL, 0 };
    int rc, i;
    if (!o)
        o = &none;
    if (path_out)
        *path_out = NULL;
    if (sql_out)
        *sql_out = NULL;
    if (o->blank)
        return tide_create_blank(t, o->name, path_out, err);
    if ((rc = diff_definitions(t, &g, o->initial, err)) < 0)
        goto done;
    for (i = 0; i < g.up.nwarnings; i++)
        tide__emit(t, TIDE_EV_WARNING, NULL, g.up.warnings[i], 0, 0);
    if (g.up.n == 0) {                   /* nothing to do: no file, the snapshot's model kept */
        if (!o->dump)
            rc = record_digest(&g, err);
        goto done;
    }
    if ((rc = emit_both(t, &g, &up, &down, err)) < 0 ||
        (rc = refuse_unsafe_rebuild(t, &up, err)) < 0 || (rc = refuse_unsafe_rebuild(t, &down, err)) < 0)
        goto done;
    if (o->dump && o->dump_format && strcmp(o->dump_format, "sql"))
        rc = sql_out ? change_diagram(t, &g, o->dump_format, sql_out, err) : 0;
    else if (o->dump)
        rc = sql_out ? tide__sql_text(&up, sql_out, err) : 0;
    else if ((rc = split_enum_values(t, &g, &up, &pre, err)) == 0)
        rc = write_both(t, &g, &pre, &up, &down, o, path_out, err);
    if (rc == 0 && o->lint && !o->initial) {
        /* lint reads the up SQL alone: the models, the plans and the down go
         * first, so that lint's tokens do not come on top of them */
        tide_sql_list_free(&down);
        tide_sql_list_free(&pre);
        generation_free(&g);
        memset(&g, 0, sizeof g);
        rc = lint_new(t, path_out ? *path_out : NULL, &up, o->lint, err);
    }
done:
    tide_sql_list_free(&up);
    tide_sql_list_free(&down);
    tide_sql_list_free(&pre);
    generation_free(&g);
    return rc;
}

int tide_check_migration(tide *t, int *needed, tide_err *err)
{
    generation g;
    int rc;
    *needed = 0;
    if ((rc = diff_definitions(t, &g, 0, err)) == 0)
        *needed = g.up.n > 0;
    generation_free(&g);
    return rc;
}
