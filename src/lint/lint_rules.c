/* lint_rules.c — the generic rules of migration:lint (SPEC 8): tables and
 * columns dropped, types narrowed, NOT NULL added without a default,
 * renames that break running code; SQLite's table rebuild (create new, copy,
 * drop, rename) judged by what it does, not reported as a drop. Dialect
 * rules run first, through the driver's lint entry; both see what the
 * statements before them created, and what the live database holds. */
#include "lint/lint_internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- what is known about tables ------------------------------------------- */

static void ktable_clear_cols(ktable *k)
{
    int i;
    for (i = 0; i < k->ncols; i++) {
        free(k->cols[i].name);
        free(k->cols[i].type);
    }
    free(k->cols);
    k->cols = NULL;
    k->ncols = 0;
    k->def = -1;
}

void tide_lint__ctx_free(tide_lint_ctx *c)
{
    int i;
    for (i = 0; i < c->ntables; i++) {
        ktable_clear_cols(&c->tables[i]);
        free(c->tables[i].name);
    }
    free(c->tables);
    c->tables = NULL;
    c->ntables = c->cap_tables = 0;
    tide_strset_free(&c->by_name);
    free(c->unread);
    c->unread = NULL;
    c->nunread = 0;
    for (i = 0; i < c->nleds; i++)
        free(c->leds[i].idx);
    memset(c->leds, 0, sizeof c->leds);
    c->nleds = 0;
}

static int add_col(ktable *k, const char *name, const char *type, int notnull, int has_default)
{
    kcol *grown;
    if (tide_list_reserve(&k->cols, k->ncols, sizeof *k->cols) < 0)
        return TIDE_ENOMEM;
    grown = k->cols;
    grown[k->ncols].name = strdup(name);
    grown[k->ncols].type = strdup(type ? type : "");
    grown[k->ncols].notnull = notnull;
    grown[k->ncols].has_default = has_default;
    if (!grown[k->ncols].name || !grown[k->ncols].type)
        return TIDE_ENOMEM;
    k->ncols++;
    return 0;
}

static void read_cols(tide_lint_ctx *c, ktable *k);

static kcol *find_col(tide_lint_ctx *c, ktable *k, const char *name)
{
    int i;
    read_cols(c, k);
    for (i = 0; k && i < k->ncols; i++)
        if (!strcmp(k->cols[i].name, name))
            return &k->cols[i];
    return NULL;
}

/* The live table's columns, when the database was read. */
static void load_live(tide_lint_ctx *c, ktable *k)
{
    const tide_table *lt;
    char schema[128];
    const char *dot = strchr(k->name, '.');
    int i;
    if (!c->live)
        return;
    if (dot) {
        snprintf(schema, sizeof schema, "%.*s", (int)(dot - k->name), k->name);
        lt = tide_schema_find_table(c->live, schema, dot + 1);
    } else {
        lt = tide_schema_find_table(c->live, NULL, k->name);
    }
    if (!lt)
        return;
    k->live = 1;
    for (i = 0; i < lt->ncolumns; i++)
        if (add_col(k, lt->columns[i].name, lt->columns[i].type, !lt->columns[i].nullable,
                    lt->columns[i].default_expr != NULL) < 0)
            c->oom = 1;
}

/* The entry for table, made (and read from the live schema) on first use. */
static ktable *find_table(tide_lint_ctx *c, const char *name)
{
    int at;
    return tide_strset_get(&c->by_name, name, &at) ? &c->tables[at] : NULL;
}

/* Pointers from table() stay valid until the next call that may add one. */
static ktable *table(tide_lint_ctx *c, const char *name)
{
    ktable *k;
    if ((k = find_table(c, name)) != NULL)
        return k;
    if (c->ntables == c->cap_tables) {
        int cap = c->cap_tables ? c->cap_tables * 2 : 16;
        ktable *grown = realloc(c->tables, sizeof *grown * (size_t)cap);
        if (!grown) {
            c->oom = 1;
            return NULL;
        }
        c->tables = grown;
        c->cap_tables = cap;
    }
    k = &c->tables[c->ntables];
    memset(k, 0, sizeof *k);
    k->rows = -2;
    k->def = -1;
    if (!(k->name = strdup(name)) || tide_strset_put(&c->by_name, name, c->ntables) < 0) {
        free(k->name);
        c->oom = 1;
        return NULL;
    }
    load_live(c, k);
    return &c->tables[c->ntables++];
}

int tide_lint__transactional(tide_lint_ctx *c)
{
    return c->transactional;
}

const tide_lint_stmt *tide_lint__earlier(tide_lint_ctx *c, int i)
{
    return c->stmts && i >= 0 && i < c->at && i < c->stmts->n ? &c->stmts->items[i] : NULL;
}

const tide_lint_stmt *tide_lint__whole(tide_lint_ctx *c, const tide_lint_stmt *s)
{
    if (s->rest && tide_lint__complete((tide_lint_stmt *)s) < 0)
        c->oom = 1;                     /* the statement as it was: the run fails after it */
    return s;
}

const int *tide_lint__earlier_led(tide_lint_ctx *c, const char *w1, const char *w2, int *n)
{
    lint_led *l = NULL;
    int i;
    *n = 0;
    if (!c->stmts || strlen(w1) >= sizeof l->w1 || strlen(w2) >= sizeof l->w2)
        return NULL;
    for (i = 0; i < c->nleds && !l; i++)
        if (!strcmp(c->leds[i].w1, w1) && !strcmp(c->leds[i].w2, w2))
            l = &c->leds[i];
    if (!l) {                           /* a new pair: a free slot, or the last one again */
        l = &c->leds[c->nleds < TIDE_LINT_LEDS ? c->nleds++ : TIDE_LINT_LEDS - 1];
        strcpy(l->w1, w1);
        strcpy(l->w2, w2);
        l->n = l->scanned = 0;
    }
    for (; l->scanned < c->at && l->scanned < c->stmts->n; l->scanned++) {
        const tide_lint_stmt *s = &c->stmts->items[l->scanned];
        if (!tide_lint__is(s, 0, w1) || !tide_lint__is(s, 1, w2))
            continue;
        if (tide_list_reserve(&l->idx, l->n, sizeof *l->idx) < 0) {
            c->oom = 1;
            break;
        }
        l->idx[l->n++] = l->scanned;
    }
    *n = l->n;
    return l->idx;
}

void tide_lint__new_migration(tide_lint_ctx *c)
{
    int i;
    for (i = 0; i < c->nleds; i++)
        c->leds[i].n = c->leds[i].scanned = 0;
    for (i = 0; i < c->ntables; i++) {
        c->tables[i].dropped = 0;
        if (c->tables[i].created) {
            c->tables[i].created = 0;
            c->tables[i].rows = -1;      /* created before: rows by now, maybe */
        }
    }
}

int tide_lint__created(tide_lint_ctx *c, const char *name)
{
    ktable *k = table(c, name);
    return k && k->created;
}

/* select 1 from <table> limit 1, on the database as it was before the run. */
static int ask_rows(tide_lint_ctx *c, const char *name)
{
    tide_buf sql = TIDE_BUF_INIT;
    tide_cursor *cur = NULL;
    tide_row row;
    tide_err ignored;
    const char *p = name;
    int rc = 0;
    rc = tide_buf_puts(&sql, "select 1 from ");
    while (rc == 0) {
        char part[256];
        size_t n = strcspn(p, ".");
        snprintf(part, sizeof part, "%.*s", (int)n, p);
        rc = c->drv->quote_ident(&sql, part);
        if (rc < 0 || !p[n])
            break;
        p += n + 1;
        rc = tide_buf_putc(&sql, '.');
    }
    if (rc == 0 && tide_buf_puts(&sql, " limit 1") == 0 &&
        tide_conn_query(c->conn, sql.data, NULL, 0, &cur, &ignored) == 0)
        rc = tide_cursor_next(cur, &row, &ignored);
    else
        rc = -1;
    tide_cursor_close(cur);
    tide_buf_free(&sql);
    return rc < 0 ? -1 : rc;
}

int tide_lint__rows(tide_lint_ctx *c, const char *name)
{
    ktable *k = table(c, name);
    if (!k)
        return -1;
    if (k->created)
        return 0;
    if (k->rows == -2)
        k->rows = c->conn && k->live ? ask_rows(c, name) : -1;
    return k->rows;
}

const char *tide_lint__column_type(tide_lint_ctx *c, const char *tname, const char *column)
{
    kcol *col = find_col(c, table(c, tname), column);
    return col && *col->type ? col->type : NULL;
}

/* ---- findings -------------------------------------------------------------- */

static int ignored(const char *list, const char *rule)
{
    char word[80];
    if (!list)
        return 0;
    snprintf(word, sizeof word, " %s ", rule);
    return strstr(list, word) || strstr(list, " all ");
}

int tide_lint__add(tide_lint_report *r, const char *migration, int statement, const char *sql,
                   const char *rule, int severity, const char *fix, const char *message)
{
    tide_lint_finding *grown, *f;
    if (tide_list_reserve(&r->items, r->n, sizeof *r->items) < 0)
        return TIDE_ENOMEM;
    grown = r->items;
    f = &grown[r->n];
    f->migration = strdup(migration);
    f->statement = statement;
    f->sql = strdup(sql ? sql : "");
    f->rule = strdup(rule);
    f->severity = (tide_lint_severity)severity;
    f->message = strdup(message);
    f->fix = strdup(fix);
    if (!f->migration || !f->sql || !f->rule || !f->message || !f->fix) {
        free(f->migration); free(f->sql); free(f->rule); free(f->message); free(f->fix);
        return TIDE_ENOMEM;
    }
    r->n++;
    r->errors += severity == TIDE_LINT_ERROR;
    r->warnings += severity == TIDE_LINT_WARNING;
    return 0;
}

int tide_lint__report(tide_lint_ctx *c, const tide_lint_stmt *s, const char *rule, int severity,
                      const char *fix, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    if (!c->report_on || ignored(s->ignore, rule) || ignored(c->mig_ignore, rule))
        return 0;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (tide_lint__add(c->out, c->migration, s->index, s->sql, rule, severity, fix, msg) < 0)
        c->oom = 1;
    return 0;
}

/* ---- column definitions ------------------------------------------------------ */

static const char *const col_stops[] = {
    "not", "null", "default", "primary", "references", "unique", "check", "constraint",
    "collate", "generated", "autoincrement", "identity", NULL
};

/* One of the words in list (tide_lint__is of each, the token's kind looked at once). */
static int is_one_of(const tide_lint_stmt *s, int i, const char *const *list)
{
    const char *w;
    int k;
    if (i < 0 || i >= s->ntoks || s->toks[i].kind == TIDE_LTOK_IDENT || s->toks[i].kind == TIDE_LTOK_STRING)
        return 0;
    w = s->toks[i].text;
    for (k = 0; list[k]; k++)
        if (w[0] == list[k][0] && !strcmp(w, list[k]))
            return 1;
    return 0;
}

static int is_stop(const tide_lint_stmt *s, int i)
{
    return is_one_of(s, i, col_stops);
}

/* A column definition [i, end): name, type, NOT NULL, a default. */
static int coldef(const tide_lint_stmt *s, int i, int end, kcol *out, tide_buf *type)
{
    int t;
    if (i >= end || (s->toks[i].kind != TIDE_LTOK_WORD && s->toks[i].kind != TIDE_LTOK_IDENT))
        return -1;
    out->name = s->toks[i].text;
    for (t = i + 1; t < end && !is_stop(s, t); t = tide_lint__skip_group(s, t))
        ;
    tide_buf_reset(type);
    if (tide_lint__text(s, i + 1, t, type) < 0)
        return TIDE_ENOMEM;
    out->type = type->data ? type->data : (char *)"";
    out->notnull = 0;
    for (; t < end; t++)
        if ((tide_lint__is(s, t, "not") && tide_lint__is(s, t + 1, "null")) ||
            (tide_lint__is(s, t, "primary") && tide_lint__is(s, t + 1, "key")))
            out->notnull = 1;
    out->has_default = tide_lint__find(s, i, end, "default") >= 0 ||
                       tide_lint__find(s, i, end, "generated") >= 0 ||
                       strstr(out->type, "serial") != NULL;
    return 0;
}

static const char *const table_items[] = {
    "constraint", "primary", "unique", "check", "foreign", "exclude", "like", NULL
};

static int is_table_item(const tide_lint_stmt *s, int i)
{
    return is_one_of(s, i, table_items);
}

/* ---- create table ------------------------------------------------------------ */

static int on_create_table(tide_lint_ctx *c, const tide_lint_stmt *s, int i)
{
    char name[256];
    ktable *k;
    if (tide_lint__is(s, i, "if"))
        i += 3;
    if (tide_lint__name(s, &i, name, sizeof name) < 0 || !(k = table(c, name)))
        return 0;
    ktable_clear_cols(k);
    k->created = 1;
    k->rows = 0;
    if (!tide_lint__is(s, i, "("))
        return 0;
    if (tide_list_reserve(&c->unread, c->nunread, sizeof *c->unread) < 0) {
        c->oom = 1;
        return 0;
    }
    c->unread[c->nunread++] = (int)(k - c->tables);
    k->def = c->at;                 /* its columns: read when asked (read_cols) */
    k->def_open = i;
    return 0;
}

/* The columns of a table created by the migration being linted, from its
 * CREATE TABLE, when they are first asked for. */
static void read_cols(tide_lint_ctx *c, ktable *k)
{
    const tide_lint_stmt *s;
    tide_buf type = TIDE_BUF_INIT;
    int end, item;
    if (!k || k->def < 0)
        return;
    s = tide_lint__whole(c, &c->stmts->items[k->def]);
    k->def = -1;
    end = tide_lint__skip_group(s, k->def_open) - 1;
    for (item = k->def_open + 1; item < end;) {
        int next = tide_lint__find(s, item, end, ",");
        kcol col;
        if (next < 0)
            next = end;
        if (!is_table_item(s, item) && coldef(s, item, next, &col, &type) == 0 &&
            add_col(k, col.name, col.type, col.notnull, col.has_default) < 0)
            c->oom = 1;
        item = next + 1;
    }
    tide_buf_free(&type);
}

int tide_lint__end_migration(tide_lint_ctx *c)
{
    int i;
    for (i = 0; i < c->nunread; i++)
        read_cols(c, &c->tables[c->unread[i]]);
    c->nunread = 0;
    return c->oom ? TIDE_ENOMEM : 0;
}

/* ---- drop table, and the rebuild ---------------------------------------------- */

/* The table renamed to name later in the migration (a rebuild), or NULL. */
static ktable *rebuilt_from(tide_lint_ctx *c, const char *name)
{
    int j;
    for (j = c->at + 1; j < c->stmts->n; j++) {
        const tide_lint_stmt *s = &c->stmts->items[j];
        char from[256], to[256];
        int i = 2;
        if (!tide_lint__is(s, 0, "alter") || !tide_lint__is(s, 1, "table") ||
            tide_lint__name(s, &i, from, sizeof from) < 0 || !tide_lint__is(s, i, "rename") ||
            !tide_lint__is(s, i + 1, "to"))
            continue;
        i += 2;
        if (tide_lint__name(s, &i, to, sizeof to) == 0 && !strcmp(to, name) &&
            find_table(c, from) && find_table(c, from)->created)
            return find_table(c, from);
    }
    return NULL;
}

/* PostgreSQL's rebuild of a table in another column order (columnOrder =
 * rebuild): ALTER TABLE t RENAME TO t_tide_old, CREATE TABLE t, the rows
 * copied, DROP TABLE t_tide_old. The name t when aside is t_tide_old and a
 * later statement creates t (else NULL); into name, cap bytes. */
static const char *aside_of(tide_lint_ctx *c, const char *aside, char *name, size_t cap)
{
    static const char suffix[] = "_tide_old";
    size_t n = strlen(aside);
    int j;
    if (n <= sizeof suffix - 1 || strcmp(aside + n - (sizeof suffix - 1), suffix) ||
        n - (sizeof suffix - 1) >= cap)
        return NULL;
    memcpy(name, aside, n - (sizeof suffix - 1));
    name[n - (sizeof suffix - 1)] = '\0';
    for (j = 0; j < c->stmts->n; j++) {
        const tide_lint_stmt *s = &c->stmts->items[j];
        char made[256];
        int i = 2;
        const char *dot;
        if (tide_lint__is(s, 0, "create") && tide_lint__is(s, 1, "table") &&
            tide_lint__name(s, &i, made, sizeof made) == 0 &&
            (!strcmp(made, name) || ((dot = strrchr(made, '.')) && !strcmp(dot + 1, name))))
            return name;                /* RENAME TO names no namespace: the table's */
    }
    return NULL;
}

/* What rebuilding old into new does to its columns. */
static void judge_rebuild(tide_lint_ctx *c, const tide_lint_stmt *s, ktable *old, ktable *new)
{
    int i, rows = tide_lint__rows(c, old->name);
    read_cols(c, old);
    read_cols(c, new);
    for (i = 0; i < old->ncols; i++) {
        kcol *was = &old->cols[i], *now = find_col(c, new, was->name);
        tide_lint_type a, b;
        if (!now) {
            tide_lint__report(c, s, "column-dropped", TIDE_LINT_ERROR,
                              "keep the column until no code reads it and its data is saved elsewhere",
                              "rebuilding table %s drops column %s and its data", old->name, was->name);
            continue;
        }
        tide_lint__type(was->type, &a);
        tide_lint__type(now->type, &b);
        if (tide_lint__narrows(&a, &b))
            tide_lint__report(c, s, "type-narrowed", TIDE_LINT_ERROR,
                              "widen instead, or add a new column, copy the values that fit, then switch",
                              "rebuilding table %s narrows column %s from %s to %s: values that do not "
                              "fit are cut or fail the copy", old->name, was->name, was->type, now->type);
    }
    for (i = 0; i < new->ncols; i++) {
        kcol *col = &new->cols[i];
        if (!find_col(c, old, col->name) && col->notnull && !col->has_default)
            tide_lint__report(c, s, "not-null-without-default",
                              rows == 1 ? TIDE_LINT_ERROR : TIDE_LINT_WARNING,
                              "give the column a default, or add it nullable, backfill it, then make it NOT NULL",
                              "rebuilding table %s adds column %s NOT NULL without a default%s", old->name,
                              col->name, rows == 1 ? ": the table has rows, so the copy fails" : "");
    }
}

static int on_drop_table(tide_lint_ctx *c, const tide_lint_stmt *s, int i)
{
    char name[256];
    if (tide_lint__is(s, i, "if"))
        i += 2;
    while (tide_lint__name(s, &i, name, sizeof name) == 0) {
        ktable *k = table(c, name), *rebuilt;
        read_cols(c, k);
        char again[256];
        if (k && !k->created && k->ncols && (rebuilt = rebuilt_from(c, name)) != NULL) {
            judge_rebuild(c, s, k, rebuilt);
        } else if (k && !k->created && aside_of(c, name, again, sizeof again) &&
                   find_table(c, again) && find_table(c, again)->created) {
            if (k->ncols)                                    /* the rows went to it */
                judge_rebuild(c, s, k, find_table(c, again));
        } else if (k && !k->created && !rebuilt_from(c, name)) {
            int rows = tide_lint__rows(c, name);
            tide_lint__report(c, s, "table-dropped", TIDE_LINT_ERROR,
                              "back up the data and stop using the table in code first; then mark the "
                              "statement -- tide:lint-ignore table-dropped",
                              "drops table %s%s", name, rows == 1 ? " and every row in it" : " and its data");
        }
        if (k) {
            ktable_clear_cols(k);
            k->created = 0;
            k->dropped = 1;
            k->rows = -2;
        }
        if (!tide_lint__is(s, i, ","))
            break;
        i++;
    }
    return 0;
}

/* ---- alter table --------------------------------------------------------------- */

static void rename_table(tide_lint_ctx *c, const tide_lint_stmt *s, ktable *k, const char *to)
{
    ktable *dst;
    size_t at = (size_t)(k - c->tables);
    int created = k->created;
    char again[256];
    read_cols(c, k);                    /* its columns move with it */
    if (!created && !aside_of(c, to, again, sizeof again))   /* a rebuild: the driver's rules say it */
        tide_lint__report(c, s, "table-renamed", TIDE_LINT_WARNING,
                          "deploy code that works with both names first (e.g. a view named after the old "
                          "table), or copy to a new table in steps",
                          "renames table %s to %s: running code that uses %s fails once this runs",
                          k->name, to, k->name);
    if (!(dst = table(c, to)))
        return;
    k = &c->tables[at];                 /* table() may have moved them */
    ktable_clear_cols(dst);
    dst->cols = k->cols;
    dst->ncols = k->ncols;
    dst->created = created && !dst->dropped;   /* a rebuild's table keeps its rows */
    if (dst->created)
        dst->rows = 0;
    k->cols = NULL;
    k->ncols = 0;
}

static void on_rename(tide_lint_ctx *c, const tide_lint_stmt *s, const char *tname, int i, int end)
{
    char to[256];
    kcol *col;
    if (tide_lint__is(s, i, "to")) {
        ktable *k;
        i++;
        if (tide_lint__name(s, &i, to, sizeof to) == 0 && (k = table(c, tname)) != NULL)
            rename_table(c, s, k, to);
        return;
    }
    if (tide_lint__is(s, i, "constraint") || tide_lint__is(s, i, "index"))
        return;
    if (tide_lint__is(s, i, "column"))
        i++;
    if (i + 2 >= end + 1 || !tide_lint__is(s, i + 1, "to"))
        return;
    if (!tide_lint__created(c, tname))
        tide_lint__report(c, s, "column-renamed", TIDE_LINT_WARNING,
                          "add the new column and keep both in sync until no code reads the old one, "
                          "then drop it",
                          "renames column %s.%s to %s: running code that uses %s fails once this runs",
                          tname, s->toks[i].text, s->toks[i + 2].text, s->toks[i].text);
    if ((col = find_col(c, table(c, tname), s->toks[i].text)) != NULL) {
        char *name = strdup(s->toks[i + 2].text);
        if (name) {
            free(col->name);
            col->name = name;
        }
    }
}

static void on_drop_column(tide_lint_ctx *c, const tide_lint_stmt *s, const char *tname, int i)
{
    ktable *k = table(c, tname);
    kcol *col;
    if (tide_lint__is(s, i, "column"))
        i++;
    if (tide_lint__is(s, i, "if"))
        i += 2;
    if (i >= s->ntoks || s->toks[i].kind == TIDE_LTOK_PUNCT)
        return;
    if (!tide_lint__created(c, tname))
        tide_lint__report(c, s, "column-dropped", TIDE_LINT_ERROR,
                          "stop reading the column in code and save its data first; then mark the "
                          "statement -- tide:lint-ignore column-dropped",
                          "drops column %s.%s and its data", tname, s->toks[i].text);
    if ((col = find_col(c, k, s->toks[i].text)) != NULL) {
        free(col->name);
        free(col->type);
        *col = k->cols[--k->ncols];
    }
}

static void on_add_column(tide_lint_ctx *c, const tide_lint_stmt *s, const char *tname, int i, int end)
{
    tide_buf type = TIDE_BUF_INIT;
    ktable *k = table(c, tname);
    kcol col;
    if (tide_lint__is(s, i, "column"))
        i++;
    if (tide_lint__is(s, i, "if"))
        i += 3;
    if (is_table_item(s, i) || coldef(s, i, end, &col, &type) < 0 || !k) {
        tide_buf_free(&type);
        return;
    }
    read_cols(c, k);
    if (col.notnull && !col.has_default && !k->created) {
        int rows = tide_lint__rows(c, tname);
        tide_lint__report(c, s, "not-null-without-default", rows == 1 ? TIDE_LINT_ERROR : TIDE_LINT_WARNING,
                          "add it with a default, or nullable, backfill it, then set NOT NULL",
                          "adds column %s.%s NOT NULL without a default%s", tname, col.name,
                          rows == 1 ? ": the table has rows, so this fails"
                          : rows == 0 ? ": fine while the table is empty, fails where it has rows"
                          : ": fails on a table that has rows");
    }
    if (add_col(k, col.name, col.type, col.notnull, col.has_default) < 0)
        c->oom = 1;
    tide_buf_free(&type);
}

static void on_alter_column(tide_lint_ctx *c, const tide_lint_stmt *s, const char *tname, int i, int end)
{
    tide_buf type = TIDE_BUF_INIT;
    const char *cname;
    kcol *col;
    int t;
    if (tide_lint__is(s, i, "column"))
        i++;
    if (i >= end)
        return;
    cname = s->toks[i].text;
    t = tide_lint__find(s, i + 1, end, "type");
    if (t < 0)
        return;
    for (i = t + 1; i < end && !tide_lint__is(s, i, "using") && !tide_lint__is(s, i, "collate");
         i = tide_lint__skip_group(s, i))
        ;
    if (tide_lint__text(s, t + 1, i, &type) < 0) {
        c->oom = 1;
        return;
    }
    col = find_col(c, table(c, tname), cname);
    if (col && *col->type && !tide_lint__created(c, tname)) {
        tide_lint_type a, b;
        tide_lint__type(col->type, &a);
        tide_lint__type(type.data, &b);
        if (tide_lint__narrows(&a, &b))
            tide_lint__report(c, s, "type-narrowed", TIDE_LINT_ERROR,
                              "widen instead, or add a new column, copy the values that fit, then switch",
                              "changes %s.%s from %s to %s: values that do not fit are cut or make it fail",
                              tname, cname, col->type, type.data);
    }
    if (col) {
        free(col->type);
        col->type = tide_buf_detach(&type);
        if (!col->type)
            col->type = strdup("");
    }
    tide_buf_free(&type);
}

static int on_alter_table(tide_lint_ctx *c, const tide_lint_stmt *s, int i)
{
    char name[256];
    int end;
    if (tide_lint__is(s, i, "if"))
        i += 2;
    if (tide_lint__is(s, i, "only"))
        i++;
    if (tide_lint__name(s, &i, name, sizeof name) < 0)
        return 0;
    for (; i < s->ntoks; i = end + 1) {
        if ((end = tide_lint__find(s, i, -1, ",")) < 0)
            end = s->ntoks;
        if (tide_lint__is(s, i, "rename"))
            on_rename(c, s, name, i + 1, end);
        else if (tide_lint__is(s, i, "drop") && !is_table_item(s, i + 1))
            on_drop_column(c, s, name, i + 1);
        else if (tide_lint__is(s, i, "add"))
            on_add_column(c, s, name, i + 1, end);
        else if (tide_lint__is(s, i, "alter"))
            on_alter_column(c, s, name, i + 1, end);
    }
    return 0;
}

/* ---- one statement -------------------------------------------------------------- */

int tide_lint__statement(tide_lint_ctx *c, int at, tide_err *err)
{
    const tide_lint_stmt *s = &c->stmts->items[at];
    int i = 1;
    c->at = at;
    if (c->drv && c->drv->version >= 4 && c->drv->lint && c->drv->lint(c, s, err) < 0)
        return err->code;
    if (tide_lint__is(s, 0, "create")) {
        while (tide_lint__is(s, i, "temp") || tide_lint__is(s, i, "temporary") ||
               tide_lint__is(s, i, "unlogged"))
            i++;
        if (tide_lint__is(s, i, "table"))
            on_create_table(c, s, i + 1);
    } else if (tide_lint__is(s, 0, "drop") && tide_lint__is(s, 1, "table")) {
        on_drop_table(c, s, 2);
    } else if (tide_lint__is(s, 0, "alter") && tide_lint__is(s, 1, "table")) {
        on_alter_table(c, s, 2);
    }
    return c->oom ? tide_err_set(err, TIDE_ENOMEM, "out of memory linting") : 0;
}
