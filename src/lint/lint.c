/* lint.c — migration:lint (SPEC 8): chooses the migrations (names, all, or
 * the pending ones), finds the statements their up runs — by running the
 * pending ones in a rolled-back transaction (the runner's dry run) and
 * listening to its statements, or, for the rest and when the database is
 * unreachable, by reading the files — and lints them with the generic and
 * the dialect's rules against what the live database holds. */
#include "lint/lint_internal.h"
#include "runner/runner.h"
#include "lua/runtime.h"

#include <lauxlib.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One migration of the run. */
typedef struct lmig {
    const tide_migration *m;
    int selected;          /* findings are reported */
    int pending;
    int captured;          /* the dry run ran it: sql holds what it sent */
    int failed;            /* the dry run failed in it */
    tide_buf sql;          /* statements separated by "\n;\n" */
    char *why_static;      /* why it was only read from its file, or NULL */
} lmig;

typedef struct lint_run {
    tide *t;
    tide_migration_set set;
    lmig *migs;
    int n;
    int cur;               /* the migration the dry run is in, or -1 */
    tide_event_fn fn;      /* the caller's event handler during the dry run */
    void *ud;
    char *dry_error;       /* the dry run's failure */
    char dry_sql[512];     /* the statement that failed, "" when none */
    tide_schema *live;
} lint_run;

void tide_lint_report_free(tide_lint_report *r)
{
    int i;
    if (!r)
        return;
    for (i = 0; i < r->n; i++) {
        tide_lint_finding *f = &r->items[i];
        free(f->migration); free(f->sql); free(f->rule); free(f->message); free(f->fix);
    }
    free(r->items);
    memset(r, 0, sizeof *r);
}

static void run_free(lint_run *r)
{
    int i;
    for (i = 0; i < r->n; i++) {
        tide_buf_free(&r->migs[i].sql);
        free(r->migs[i].why_static);
    }
    free(r->migs);
    free(r->dry_error);
    tide_schema_free(r->live);
    tide_migrations_free(&r->set);
}

/* ---- choosing migrations ----------------------------------------------------- */

/* migrations.list entries have no file: known by name from the runner. */
static int list_set(lint_run *r, tide_err *err)
{
    tide_status_list a, b;
    tide_migration m;
    int i, rc;
    memset(&m, 0, sizeof m);
    m.kind = TIDE_MIG_LIST;
    if ((rc = tide_executed(r->t, &a, err)) < 0)
        return rc;
    if ((rc = tide_pending(r->t, &b, err)) == 0) {
        for (i = 0; i < a.n + b.n && rc == 0; i++) {
            m.name = i < a.n ? a.items[i].name : b.items[i - a.n].name;
            rc = tide_migrations_add(&r->set, &m, err);
        }
        tide_status_list_free(&b);
    }
    tide_status_list_free(&a);
    return rc;
}

static int discover(lint_run *r, tide_err *err)
{
    tide *t = r->t;
    int rc = t->mc->list_ref == LUA_NOREF
             ? tide_migrations_discover(&r->set, t->L, t->mc->path, t->mc->pattern, err)
             : list_set(r, err);
    if (rc < 0)
        return rc;
    if (!(r->migs = calloc((size_t)(r->set.n ? r->set.n : 1), sizeof *r->migs)))
        return tide_err_set(err, TIDE_ENOMEM, "out of memory");
    r->n = r->set.n;
    for (rc = 0; rc < r->n; rc++)
        r->migs[rc].m = &r->set.items[rc];
    return 0;
}

static int mark_pending(lint_run *r, tide_err *err)
{
    tide_status_list l;
    int i, k, rc;
    if (r->t->offline) {
        for (i = 0; i < r->n; i++)
            r->migs[i].pending = 1;       /* unknown: every one may be */
        return 0;
    }
    if ((rc = tide_pending(r->t, &l, err)) < 0)
        return rc;
    for (i = 0; i < l.n; i++)
        for (k = 0; k < r->n; k++)
            if (!strcmp(r->migs[k].m->name, l.items[i].name))
                r->migs[k].pending = 1;
    tide_status_list_free(&l);
    return 0;
}

/* A user's word: a name, a file name, a unique prefix or timestamp. */
static int pick(lint_run *r, const char *word, tide_err *err)
{
    int ambiguous = 0, i, hit = -1;
    const tide_migration *m = tide_migrations_find(&r->set, word, &ambiguous);
    if (m)
        hit = (int)(m - r->set.items);
    for (i = 0; !m && !ambiguous && *word && !word[strspn(word, "0123456789")] && i < r->n; i++) {
        const char *name = r->migs[i].m->name, *d = name + strcspn(name, "0123456789");
        if (!strncmp(d, word, strlen(word)))
            ambiguous = hit >= 0, hit = i;
    }
    if (hit < 0 || ambiguous)
        return tide_err_set(err, TIDE_EINVAL, ambiguous
                            ? "migration:lint: '%s' matches several migrations; give more of the name"
                            : "migration:lint: '%s': no such migration in %s (tide migration:pending and "
                              "migration:list name them)", word, r->t->mc->path);
    r->migs[hit].selected = 1;
    return 0;
}

static int choose(lint_run *r, const tide_lint_options *o, tide_err *err)
{
    int i, rc;
    if ((rc = mark_pending(r, err)) < 0)
        return rc;
    for (i = 0; i < o->nnames; i++)
        if ((rc = pick(r, o->names[i], err)) < 0)
            return rc;
    if (o->nnames == 0)
        for (i = 0; i < r->n; i++)
            r->migs[i].selected = o->all || r->migs[i].pending;
    return 0;
}

/* ---- the dry run: what the pending migrations send ------------------------- */

static void on_capture(void *ud, const tide_event *ev)
{
    lint_run *r = ud;
    int i;
    if (ev->kind == TIDE_EV_MIGRATING) {
        for (r->cur = -1, i = 0; i < r->n; i++)
            if (!strcmp(r->migs[i].m->name, ev->name))
                r->cur = i;
        if (r->cur >= 0)
            r->migs[r->cur].captured = 1;
    } else if (ev->kind == TIDE_EV_MIGRATED) {
        r->cur = -1;
    } else if (ev->kind == TIDE_EV_SQL && r->cur >= 0 && ev->text && !strstr(ev->text, r->t->table)) {
        tide_buf_printf(&r->migs[r->cur].sql, "%s\n;\n", ev->text);
    }
    if (ev->kind == TIDE_EV_SQL && r->t->verbose && r->fn)
        r->fn(r->ud, ev);                       /* -v still logs every statement */
}

static int dry_run(lint_run *r, tide_err *err)
{
    tide *t = r->t;
    tide_run_options o;
    tide_err e;
    int i, last = -1, rc;
    for (i = 0; i < r->n; i++)
        if (r->migs[i].selected && r->migs[i].pending)
            last = i;
    if (last < 0 || t->offline)
        return 0;
    memset(&o, 0, sizeof o);
    o.dry_run = 1;
    o.allow_out_of_order = 1;
    o.to = r->migs[last].m->name;
    r->fn = t->on_event;
    r->ud = t->event_ud;
    t->on_event = on_capture;
    t->event_ud = r;
    r->cur = -1;
    tide_err_clear(&e);
    rc = tide_up(t, &o, NULL, &e);
    t->on_event = r->fn;
    t->event_ud = r->ud;
    if (rc < 0) {
        if (r->cur >= 0)
            r->migs[r->cur].failed = 1;
        snprintf(r->dry_sql, sizeof r->dry_sql, "%s", e.sql);
        if (!(r->dry_error = strdup(e.msg)))
            return tide_err_set(err, TIDE_ENOMEM, "out of memory");
    }
    return 0;
}

/* The live schema, before the pending migrations (they were rolled back). */
static void read_live(lint_run *r)
{
    const tide_driver *drv = tide_conn__driver(r->t->conn);
    const char *exclude[2];
    tide_introspect_opts o;
    tide_err ignored;
    if (r->t->offline || !drv->introspect || !(r->live = tide_schema_new()))
        return;
    memset(&o, 0, sizeof o);
    exclude[0] = r->t->mc->table_name;
    exclude[1] = r->t->lease_name;         /* the run lock's lease table */
    o.exclude = exclude;
    o.nexclude = 2;
    o.all_schemas = 1;
    if (drv->introspect(tide_conn__dconn(r->t->conn), &o, r->live, &ignored) < 0 ||
        tide_schema_finish(r->live, &ignored) < 0) {
        tide_schema_free(r->live);
        r->live = NULL;
    }
}

/* ---- reading files --------------------------------------------------------- */

/* The body of the Lua string literal at p ("...", '...', [[...]], [=[...]=]),
 * appended to out; *end is past it. 0, or -1 when p is no literal. */
static int lua_literal(const char *p, const char **end, tide_buf *out)
{
    if (*p == '"' || *p == '\'') {
        char q = *p++;
        for (; *p && *p != q && *p != '\n'; p++) {
            if (*p == '\\' && p[1]) {
                p++;
                tide_buf_putc(out, *p == 'n' ? '\n' : *p == 't' ? '\t' : *p);
            } else {
                tide_buf_putc(out, *p);
            }
        }
        *end = *p ? p + 1 : p;
        return 0;
    }
    if (*p == '[' && (p[1] == '[' || p[1] == '=')) {
        size_t level = strspn(p + 1, "=");
        char close[16];
        const char *body, *stop;
        if (p[1 + level] != '[' || level > 10)
            return -1;
        snprintf(close, sizeof close, "]%.*s]", (int)level, "==========");
        body = p + level + 2;
        if (*body == '\n')
            body++;
        stop = strstr(body, close);
        tide_buf_add(out, body, stop ? (size_t)(stop - body) : strlen(body));
        *end = stop ? stop + level + 2 : body + strlen(body);
        return 0;
    }
    return -1;
}

/* The strings given to m:addSql / m:execute / m:query in Lua source. */
static int lua_strings(const char *src, tide_buf *out)
{
    static const char *const calls[] = { "addSql", "execute", "query", NULL };
    const char *p = src, *end;
    while (*p) {
        int k, hit = 0;
        if (p[0] == '-' && p[1] == '-') {          /* comments, long ones too */
            tide_buf skip = TIDE_BUF_INIT;
            if (lua_literal(p + 2, &end, &skip) == 0 && p[2] == '[')
                p = end;
            else
                p += strcspn(p, "\n");
            tide_buf_free(&skip);
            continue;
        }
        for (k = 0; calls[k] && !hit; k++)
            if ((p == src || p[-1] == ':' || p[-1] == '.') && !strncmp(p, calls[k], strlen(calls[k])))
                hit = (int)strlen(calls[k]);
        if (!hit) {
            p++;
            continue;
        }
        p += hit;
        p += strspn(p, " \t\r\n");
        if (*p == '(')
            p += 1 + strspn(p + 1, " \t\r\n");
        if (lua_literal(p, &end, out) == 0) {
            p = end;
            if (tide_buf_puts(out, "\n;\n") < 0)
                return TIDE_ENOMEM;
        }
    }
    return 0;
}

/* Where `key = function` starts in src, or NULL. */
static const char *function_field(const char *src, const char *key)
{
    size_t n = strlen(key);
    const char *p;
    for (p = strstr(src, key); p; p = strstr(p + 1, key)) {
        const char *q = p + n;
        if (p > src && (isalnum((unsigned char)p[-1]) || p[-1] == '_'))
            continue;
        q += strspn(q, " \t\r\n");
        if (*q != '=')
            continue;
        q += 1 + strspn(q + 1, " \t\r\n");
        if (!strncmp(q, "function", 8))
            return p;
    }
    return NULL;
}

/* The SQL strings of the up function: from `up = function` to `down =
 * function` when that follows, else to the end of the file. */
static int lua_up_strings(const char *src, tide_buf *out)
{
    const char *up = function_field(src, "up"), *down = function_field(src, "down");
    char *part;
    int rc;
    if (!up)
        return lua_strings(src, out);
    if (!(part = strndup(up, down && down > up ? (size_t)(down - up) : strlen(up))))
        return TIDE_ENOMEM;
    rc = lua_strings(part, out);
    free(part);
    return rc;
}

/* Pushes the table a Lua migration returns, run in its own environment.
 * [-0, +1 | 0, -] */
static int load_lua(lua_State *L, const char *path, tide_err *err)
{
    int rc;
    if ((rc = tide_runtime_loadfile_sandboxed(L, path, err)) < 0)
        return rc;
    return tide_runtime_pcall(L, 0, 1, err);
}

/* " id id " from the lintIgnore field (a string or a list of them). */
static int lint_ignore(lua_State *L, const char *path, tide_buf *out, tide_err *err)
{
    int top = lua_gettop(L), rc, i;
    if ((rc = load_lua(L, path, err)) < 0)
        return rc;
    if (lua_type(L, -1) != LUA_TTABLE) {
        lua_settop(L, top);
        return tide_err_set(err, TIDE_ELUA, "%s must return a table with an up function "
                            "(return { up = function(m) ... end })", path);
    }
    lua_getfield(L, -1, "lintIgnore");
    if (lua_type(L, -1) == LUA_TSTRING)
        tide_buf_printf(out, " %s ", lua_tostring(L, -1));
    for (i = 1; lua_type(L, -1) == LUA_TTABLE && lua_rawgeti(L, -1, i) == LUA_TSTRING; i++) {
        tide_buf_printf(out, "%s%s ", out->len ? "" : " ", lua_tostring(L, -1));
        lua_pop(L, 1);
    }
    lua_settop(L, top);
    return 0;
}

/* What the file says the up runs: the up section of a .sql file, the
 * literal SQL of a .lua file. */
static int read_static(lmig *x, tide_buf *sql, tide_err *err)
{
    tide_buf text = TIDE_BUF_INIT, down = TIDE_BUF_INIT;
    int has_down, transactional, rc;
    if (!x->m->path)
        return 0;
    if ((rc = tide_file_read(x->m->path, &text, err)) == 0) {
        if (x->m->kind == TIDE_MIG_SQL)
            rc = tide_sql_sections(x->m->path, text.data ? text.data : "", text.len, sql, &down,
                                   &has_down, &transactional, err);
        else if (lua_up_strings(text.data ? text.data : "", sql) < 0)
            rc = tide_err_set(err, TIDE_ENOMEM, "out of memory");
    }
    tide_buf_free(&text);
    tide_buf_free(&down);
    return rc;
}

/* ---- linting one migration ------------------------------------------------- */

static const char *why_static(const lint_run *r, const lmig *x)
{
    if (r->t->offline)
        return "the database could not be reached";
    if (!x->pending)
        return "it is executed already, so it was not run again";
    if (x->failed)
        return "the dry run failed in it";
    if (r->dry_error)
        return "the dry run stopped before it";
    return "the dry run did not run it (transactional = false)";
}

static int note_partial(lint_run *r, lmig *x, tide_lint_report *out)
{
    char msg[700];
    if (!x->m->path)
        return tide_lint__add(out, x->m->name, 0, "", "partial-lint", TIDE_LINT_INFO,
                              "lint it while it is pending and the database is reachable",
                              "not linted: an entry of migrations.list has no file to read, and the "
                              "dry run did not run it");
    snprintf(msg, sizeof msg, "only partly linted: %s, so only the SQL strings written in the file "
             "(m:addSql, m:execute) were read; DDL helpers and SQL built at run time were not%s%.400s",
             why_static(r, x), r->dry_error && x->pending && !x->failed ? ". The dry run said: " : "",
             r->dry_error && x->pending && !x->failed ? r->dry_error : "");
    return tide_lint__add(out, x->m->name, 0, "", "partial-lint", TIDE_LINT_INFO,
                          "run tide migration:lint with the database reachable and the migration pending",
                          msg);
}

/* The statement the dry run failed at: the last one it sent, or for a
 * file read again the one the database named. */
static int failed_at(const lint_run *r, const tide_lint_stmts *st, int from_file)
{
    int i;
    size_t n = strlen(r->dry_sql);
    if (!from_file)
        return st->n;
    for (i = 0; n && i < st->n; i++)
        if (!strncmp(st->items[i].sql, r->dry_sql, n) || strstr(r->dry_sql, st->items[i].sql))
            return i + 1;
    return 0;
}

static int note_failed(lint_run *r, lmig *x, const tide_lint_stmts *st, int from_file,
                       tide_lint_report *out)
{
    char msg[700];
    int at = failed_at(r, st, from_file);
    const char *sql = at ? st->items[at - 1].sql : "";
    snprintf(msg, sizeof msg, "the dry run failed %s: %.600s", at ? "here" : "in this migration",
             r->dry_error ? r->dry_error : "");
    return tide_lint__add(out, x->m->name, at, sql, "migration-fails", TIDE_LINT_ERROR,
                          "fix the statement: it fails against the current database (nothing was changed)",
                          msg);
}

/* Whether x runs in one transaction: the dry run ran it (it runs only
 * those), else what its file says (-- tide:transactional false in a .sql
 * file, transactional = false in a .lua one). */
static int runs_in_transaction(const lmig *x)
{
    tide_buf text = TIDE_BUF_INIT, up = TIDE_BUF_INIT, down = TIDE_BUF_INIT;
    tide_err ignored;
    int has_down, transactional = 1;
    const char *p;
    if ((x->captured && !x->failed) || !x->m->path || tide_file_read(x->m->path, &text, &ignored) < 0)
        return 1;
    if (x->m->kind == TIDE_MIG_SQL) {
        if (tide_sql_sections(x->m->path, text.data ? text.data : "", text.len, &up, &down,
                              &has_down, &transactional, &ignored) < 0)
            transactional = 1;
    } else {
        for (p = text.data ? text.data : ""; (p = strstr(p, "transactional")) != NULL; p++) {
            const char *q = p + 13;
            while (*q == ' ' || *q == '\t')
                q++;
            if (*q++ != '=')
                continue;
            while (*q == ' ' || *q == '\t')
                q++;
            if (!strncmp(q, "false", 5))
                transactional = 0;
        }
    }
    tide_buf_free(&text);
    tide_buf_free(&up);
    tide_buf_free(&down);
    return transactional;
}

/* more: a later migration is linted after x (it may ask for x's tables). */
static int lint_one(lint_run *r, tide_lint_ctx *c, lmig *x, int more, tide_lint_report *out,
                    tide_err *err)
{
    tide_buf sql = TIDE_BUF_INIT, ignore = TIDE_BUF_INIT;
    tide_lint_stmts st = { NULL, 0, NULL, 0, 0 };
    /* a failed run saw only part: the file says more, when there is one */
    int use_file = !x->captured || (x->failed && x->m->path), rc = 0, i;
    if (x->selected && x->m->kind == TIDE_MIG_LUA)
        rc = lint_ignore(r->t->L, x->m->path, &ignore, err);
    if (rc == 0)
        rc = use_file ? read_static(x, &sql, err)
                      : tide_buf_add(&sql, x->sql.data ? x->sql.data : "", x->sql.len) < 0 ? TIDE_ENOMEM : 0;
    if (rc == 0)
        rc = tide_lint__split(sql.data ? sql.data : "", &st, err);
    if (rc == 0 && x->selected && use_file && x->m->kind != TIDE_MIG_SQL)
        rc = note_partial(r, x, out);
    c->migration = x->m->name;
    c->mig_ignore = ignore.data;
    c->report_on = x->selected;
    c->stmts = &st;
    c->transactional = runs_in_transaction(x);
    tide_lint__new_migration(c);
    for (i = 0; i < st.n && rc == 0; i++)
        rc = tide_lint__statement(c, i, err);
    if (rc == 0 && more)
        rc = tide_lint__end_migration(c);       /* the next migrations may ask its tables */
    if (rc == 0 && x->selected && x->failed)
        rc = note_failed(r, x, &st, use_file, out);
    if (x->selected) {
        out->migrations++;
        out->statements += st.n;
    }
    c->stmts = NULL;
    tide_lint__stmts_free(&st);
    tide_buf_free(&sql);
    tide_buf_free(&ignore);
    return rc == TIDE_ENOMEM && !err->msg[0] ? tide_err_set(err, rc, "out of memory") : rc;
}

int tide_lint(tide *t, const tide_lint_options *o, tide_lint_report *out, tide_err *err)
{
    static const tide_lint_options none;
    lint_run r;
    tide_lint_ctx c;
    int i, last = -1, rc;
    memset(out, 0, sizeof *out);
    memset(&r, 0, sizeof r);
    memset(&c, 0, sizeof c);
    r.t = t;
    if ((rc = discover(&r, err)) < 0 || (rc = choose(&r, o ? o : &none, err)) < 0 ||
        (rc = dry_run(&r, err)) < 0)
        goto done;
    read_live(&r);
    c.drv = tide__driver(t);
    c.conn = t->offline ? NULL : t->conn;
    c.live = r.live;
    c.out = out;
    for (i = 0; i < r.n; i++)
        if (r.migs[i].selected || r.migs[i].captured)
            last = i;
    for (i = 0; i < r.n && rc == 0; i++)
        if (r.migs[i].selected || r.migs[i].captured)
            rc = lint_one(&r, &c, &r.migs[i], i < last, out, err);
done:
    tide_lint__ctx_free(&c);
    run_free(&r);
    if (rc < 0)
        tide_lint_report_free(out);
    return rc;
}

/* ---- SQL without a project file: migration:create, tests ------------------ */

/* One migration and done: c is freed after, so the columns of the tables
 * the script creates are read only when a statement asks for them. */
static int lint_text(tide_lint_ctx *c, const char *migration, const char *sql, tide_err *err)
{
    tide_lint_stmts st = { NULL, 0, NULL, 0, 0 };
    int i, rc = tide_lint__split(sql, &st, err);
    c->migration = migration;
    c->report_on = 1;
    c->stmts = &st;
    tide_lint__new_migration(c);
    for (i = 0; i < st.n && rc == 0; i++)
        rc = tide_lint__statement(c, i, err);
    c->out->migrations++;
    c->out->statements += st.n;
    c->stmts = NULL;
    tide_lint__stmts_free(&st);
    return rc;
}

int tide_lint__check_sql(const tide_driver *drv, const tide_schema *live, const char *migration,
                         const char *sql, tide_lint_report *out, tide_err *err)
{
    tide_lint_ctx c;
    int rc;
    memset(&c, 0, sizeof c);
    c.drv = drv;
    c.live = live;
    c.out = out;
    rc = lint_text(&c, migration, sql, err);
    tide_lint__ctx_free(&c);
    return rc;
}

int tide__lint_sql(tide *t, const char *migration, const tide_sql_list *sql, tide_lint_report *out,
                   tide_err *err)
{
    lint_run r;
    tide_lint_ctx c;
    tide_buf text = TIDE_BUF_INIT;
    int i, rc = 0;
    memset(out, 0, sizeof *out);
    memset(&r, 0, sizeof r);
    memset(&c, 0, sizeof c);
    r.t = t;
    for (i = 0; i < sql->n && rc == 0; i++)
        if (!sql->kinds || sql->kinds[i] == TIDE_SQL_STATEMENT)
            rc = tide_buf_puts(&text, sql->items[i]) < 0 ? TIDE_ENOMEM : tide_buf_add(&text, "\n;\n", 3);
    if (rc < 0)
        return tide_err_set(err, TIDE_ENOMEM, "out of memory");
    read_live(&r);
    c.drv = tide__driver(t);
    c.conn = t->offline ? NULL : t->conn;
    c.live = r.live;
    c.out = out;
    rc = lint_text(&c, migration, text.data ? text.data : "", err);
    tide_lint__ctx_free(&c);
    tide_schema_free(r.live);
    tide_buf_free(&text);
    if (rc < 0)
        tide_lint_report_free(out);
    return rc;
}
