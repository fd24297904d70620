/* lint.c — PostgreSQL's migration:lint rules: statements that rewrite a
 * table or hold an ACCESS EXCLUSIVE lock for as long as they scan it (a
 * type change that is not binary-coercible, CREATE INDEX without
 * CONCURRENTLY, a volatile default on a new column, a constraint or NOT NULL
 * validated inline). Tables created by the same migration are empty and
 * unseen by running code, so they are never reported. */
#include "pg_internal.h"
#include "lint/lint.h"

#include <string.h>

static const char *const volatile_fns[] = {
    "random", "clock_timestamp", "timeofday", "gen_random_uuid", "uuid_generate_v1",
    "uuid_generate_v1mc", "uuid_generate_v4", "nextval", "txid_current", "setseed", NULL
};

static const char *rows_note(tide_lint_ctx *c, const char *table)
{
    int rows = tide_lint__rows(c, table);
    return rows == 1 ? " (the table has rows)" : rows == 0 ? " (empty here; not where it has rows)" : "";
}

/* create [unique] index [concurrently] [if not exists] [name] on [only] table ... */
static void lint_index(tide_lint_ctx *c, const tide_lint_stmt *s)
{
    char table[256];
    int on = tide_lint__find(s, 0, -1, "on");
    if (on < 0 || tide_lint__find(s, 0, on, "concurrently") >= 0)
        return;
    on++;
    if (tide_lint__is(s, on, "only"))
        on++;
    if (tide_lint__name(s, &on, table, sizeof table) < 0 || tide_lint__created(c, table))
        return;
    tide_lint__report(c, s, "index-not-concurrent", TIDE_LINT_WARNING,
                      "use CREATE INDEX CONCURRENTLY in a migration with transactional = false",
                      "CREATE INDEX on %s blocks writes to it until the index is built%s", table,
                      rows_note(c, table));
}

/* No rewrite: varchar(n) to a longer or unbounded varchar/text, numeric
 * to more precision at the same scale, or to unbounded numeric. */
static int binary_coercible(const char *from, const char *to)
{
    tide_lint_type a, b;
    tide_lint__type(from, &a);
    tide_lint__type(to, &b);
    if (!strcmp(a.base, b.base) && a.size == b.size && a.precision == b.precision && a.scale == b.scale)
        return 1;
    if (a.family == TIDE_LTYPE_STRING && b.family == TIDE_LTYPE_STRING && !a.fixed && !b.fixed)
        return b.size < 0 || (a.size >= 0 && b.size >= a.size);
    if (a.family == TIDE_LTYPE_NUMERIC && b.family == TIDE_LTYPE_NUMERIC)
        return b.precision < 0 || (a.precision >= 0 && a.scale == b.scale && b.precision >= a.precision);
    return 0;
}

static void lint_type_change(tide_lint_ctx *c, const tide_lint_stmt *s, const char *table,
                             int i, int end)
{
    tide_buf to = TIDE_BUF_INIT;
    const char *column, *from;
    int t, e;
    if (tide_lint__is(s, i, "column"))
        i++;
    if ((t = tide_lint__find(s, i + 1, end, "type")) < 0)
        return;
    column = s->toks[i].text;
    for (e = t + 1; e < end && !tide_lint__is(s, e, "using") && !tide_lint__is(s, e, "collate");
         e = tide_lint__skip_group(s, e))
        ;
    if (tide_lint__text(s, t + 1, e, &to) < 0)
        return;
    from = tide_lint__column_type(c, table, column);
    if (!from || !binary_coercible(from, to.data ? to.data : ""))
        tide_lint__report(c, s, "table-rewrite", TIDE_LINT_WARNING,
                          "add a new column of the new type, backfill it in batches, then swap "
                          "(m:changeColumnType)",
                          "changing %s.%s to %s %s%s%s under an ACCESS EXCLUSIVE lock%s", table, column,
                          to.data ? to.data : "", from ? "rewrites the table (from " : "may rewrite the table",
                          from ? from : "", from ? ")" : "", rows_note(c, table));
    tide_buf_free(&to);
}

static void lint_add_column(tide_lint_ctx *c, const tide_lint_stmt *s, const char *table, int i, int end)
{
    int d, k, volatile_default = 0;
    for (k = i + 1; k < end; k++)
        if (tide_lint__is(s, k, "serial") || tide_lint__is(s, k, "bigserial") ||
            tide_lint__is(s, k, "smallserial") || tide_lint__is(s, k, "generated"))
            volatile_default = 1;
    if ((d = tide_lint__find(s, i, end, "default")) >= 0)
        for (k = d + 1; k < end && !volatile_default; k++) {
            int f;
            for (f = 0; volatile_fns[f]; f++)
                if (tide_lint__is(s, k, volatile_fns[f]) && tide_lint__is(s, k + 1, "("))
                    volatile_default = 1;
        }
    if (volatile_default)
        tide_lint__report(c, s, "volatile-default", TIDE_LINT_WARNING,
                          "add the column without the default (or with a constant one), set the "
                          "default after, and backfill existing rows in batches",
                          "adding a column to %s whose default is computed per row (volatile, a "
                          "sequence or generated) rewrites the table under an ACCESS EXCLUSIVE lock%s",
                          table, rows_note(c, table));
}

static void lint_constraint(tide_lint_ctx *c, const tide_lint_stmt *s, const char *table, int i, int end)
{
    int k = i;
    if (tide_lint__is(s, k, "constraint"))
        k += 2;
    if (!tide_lint__is(s, k, "foreign") && !tide_lint__is(s, k, "check"))
        return;
    for (; k < end; k++)
        if (tide_lint__is(s, k, "not") && tide_lint__is(s, k + 1, "valid"))
            return;
    tide_lint__report(c, s, "constraint-validated-inline", TIDE_LINT_WARNING,
                      "add it NOT VALID, then ALTER TABLE ... VALIDATE CONSTRAINT in a later statement "
                      "(which does not block writes)",
                      "adding a %s constraint to %s checks every row while holding a lock that "
                      "blocks writes%s", tide_lint__find(s, i, end, "foreign") >= 0 ? "foreign key" : "check",
                      table, rows_note(c, table));
}

static void lint_set_not_null(tide_lint_ctx *c, const tide_lint_stmt *s, const char *table, int i)
{
    if (tide_lint__is(s, i, "column"))
        i++;
    tide_lint__report(c, s, "constraint-validated-inline", TIDE_LINT_WARNING,
                      "add CHECK (col IS NOT NULL) NOT VALID, VALIDATE it, then SET NOT NULL (no scan)",
                      "SET NOT NULL on %s.%s scans the whole table under an ACCESS EXCLUSIVE lock%s",
                      table, i < s->ntoks ? s->toks[i].text : "?", rows_note(c, table));
}

/* alter table name rename to name_tide_old: the first statement of a table
 * rebuilt to place its columns (columnOrder = rebuild, emit_rebuild.c). */
static void lint_rebuild(tide_lint_ctx *c, const tide_lint_stmt *s, const char *table, int i)
{
    static const char suffix[] = "_tide_old";
    char to[256];
    size_t n;
    if (!tide_lint__is(s, i, "rename") || !tide_lint__is(s, i + 1, "to"))
        return;
    i += 2;
    if (tide_lint__name(s, &i, to, sizeof to) < 0 || (n = strlen(to)) < sizeof suffix - 1 ||
        strcmp(to + n - (sizeof suffix - 1), suffix))
        return;
    tide_lint__report(c, s, "table-rebuild", TIDE_LINT_WARNING,
                      "keep migrations.columnOrder = \"append\" (the column goes last) for a table "
                      "that is written to while the migration runs, or run it in a maintenance window",
                      "rebuilding %s to place its columns in the definitions' order (columnOrder = "
                      "rebuild) copies every row into a new table under an ACCESS EXCLUSIVE lock: "
                      "reads and writes of it wait until the migration commits%s", table,
                      rows_note(c, table));
}

/* alter table [if exists] [only] name action [, action ...] */
static void lint_alter(tide_lint_ctx *c, const tide_lint_stmt *s)
{
    char table[256];
    int i = 2, end;
    if (tide_lint__is(s, i, "if"))
        i += 2;
    if (tide_lint__is(s, i, "only"))
        i++;
    if (tide_lint__name(s, &i, table, sizeof table) < 0 || tide_lint__created(c, table))
        return;
    for (; i < s->ntoks; i = end + 1) {
        if ((end = tide_lint__find(s, i, -1, ",")) < 0)
            end = s->ntoks;
        if (tide_lint__is(s, i, "alter") && tide_lint__find(s, i, end, "type") >= 0)
            lint_type_change(c, s, table, i + 1, end);
        else if (tide_lint__is(s, i, "alter") && tide_lint__find(s, i, end, "set") >= 0 &&
                 tide_lint__find(s, i, end, "not") >= 0 && tide_lint__find(s, i, end, "null") >= 0)
            lint_set_not_null(c, s, table, i + 1);
        else if (tide_lint__is(s, i, "add") && (tide_lint__is(s, i + 1, "constraint") ||
                 tide_lint__is(s, i + 1, "foreign") || tide_lint__is(s, i + 1, "check")))
            lint_constraint(c, s, table, i + 1, end);
        else if (tide_lint__is(s, i, "add"))
            lint_add_column(c, s, table, i + 1, end);
        else if (tide_lint__is(s, i, "rename"))
            lint_rebuild(c, s, table, i);
    }
}

/* alter type T add value [if not exists] 'v' [before|after ...]: v, else NULL */
static const char *added_enum_value(const tide_lint_stmt *s)
{
    int i;
    if (!tide_lint__is(s, 0, "alter") || !tide_lint__is(s, 1, "type") ||
        (i = tide_lint__find(s, 2, -1, "add")) < 0 || !tide_lint__is(s, i + 1, "value"))
        return NULL;
    i += 2;
    if (tide_lint__is(s, i, "if"))
        i += 3;
    return i < s->ntoks && s->toks[i].kind == TIDE_LTOK_STRING ? s->toks[i].text : NULL;
}

/* A value added to an enum earlier in the same transaction and used here
 * (a default, a check, data): PostgreSQL refuses it (55P04, unsafe use of
 * new value) until the transaction that added it commits. */
static void lint_enum_value_use(tide_lint_ctx *c, const tide_lint_stmt *s)
{
    const tide_lint_stmt *e;
    const int *led;
    int k, j, n;
    if (!tide_lint__transactional(c) || added_enum_value(s))
        return;
    /* only the earlier ALTER TYPEs: not every earlier statement at every statement */
    led = tide_lint__earlier_led(c, "alter", "type", &n);
    if (n > 0)
        s = tide_lint__whole(c, s);        /* every string of it is read */
    for (k = 0; k < n && (e = tide_lint__earlier(c, led[k])) != NULL; k++) {
        const char *v = added_enum_value(e);
        for (j = 0; v && j < s->ntoks; j++)
            if (s->toks[j].kind == TIDE_LTOK_STRING && !strcmp(s->toks[j].text, v)) {
                tide_lint__report(c, s, "enum-value-used-in-transaction", TIDE_LINT_WARNING,
                                  "add the value on its own: transactional = false, the ALTER TYPE "
                                  "first, the statements using it inside m:transaction (or in a "
                                  "later migration)",
                                  "enum value '%s' is used in the transaction that adds it "
                                  "(statement %d); PostgreSQL refuses that (55P04 unsafe use of "
                                  "new value)", v, e->index);
                return;
            }
    }
}

int pg_lint(struct tide_lint_ctx *c, const struct tide_lint_stmt *s, tide_err *err)
{
    (void)err;
    lint_enum_value_use(c, s);
    if (tide_lint__is(s, 0, "create") &&
        (tide_lint__is(s, 1, "index") || (tide_lint__is(s, 1, "unique") && tide_lint__is(s, 2, "index"))))
        lint_index(c, s);
    else if (tide_lint__is(s, 0, "alter") && tide_lint__is(s, 1, "table"))
        lint_alter(c, s);
    return 0;
}
