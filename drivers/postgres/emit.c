/* emit.c — PostgreSQL SQL for each operation of a plan. Every identifier is
 * quoted (through the driver's own quoting); names are always explicit, so
 * what introspection reads back is what the model says. */
#include "pg_internal.h"
#include "sqlw.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>





static void qtable(tide_sqlw *e, const tide_table *t) { tide_sqlw_qname(e, t->schema, t->name); }




/* The PostgreSQL spelling of a column's type. */
static void type_of(tide_sqlw *e, const tide_column *c)
{
    const char *t = c->type;
    if (c->autoincrement && !c->identity && (!strcmp(t, "integer") || !strcmp(t, "bigint") || !strcmp(t, "smallint"))) {
        tide_sqlw_put(e, !strcmp(t, "integer") ? "serial" : !strcmp(t, "bigint") ? "bigserial" : "smallserial");
        return;
    }
    if (c->is_enum) {
        const char *dot = strchr(t, '.');
        char schema[128];
        snprintf(schema, sizeof schema, "%.*s", dot ? (int)(dot - t) : 0, t);
        tide_sqlw_qname(e, dot ? schema : NULL, dot ? dot + 1 : t);
        return;
    }
    if (!strncmp(t, "double", 6)) {
        tide_sqlw_put(e, "double precision");
        tide_sqlw_put(e, t + 6);                  /* double[] */
        return;
    }
    if (!*t)                                      /* :type "": SQLite's untyped column */
        tide_sqlw_fail(e, "column %s has no type (:type \"\" is SQLite's untyped column); "
                       "PostgreSQL needs one", c->name);
    tide_sqlw_put(e, t);
}

/* An identity's " (options)": its sequence's name, when said, qualified
 * with the table's namespace (an unqualified one would follow the
 * search_path). */
/* Whether an identity column's sequence is of another type than the column:
 * its options are then said by ALTER SEQUENCE after the column is made
 * (the identity clause refuses AS). */
static int identity_as(const tide_table *t, const tide_column *c)
{
    tide_err err;
    memset(&err, 0, sizeof err);
    return c->identity && c->sequence && pg_seq_column_options(t ? t->name : "", c, 3, NULL, &err) == 1;
}

static void identity_options(tide_sqlw *e, const tide_table *t, const tide_column *c)
{
    char name[128];
    tide_buf opts = TIDE_BUF_INIT;
    if (!c->sequence || identity_as(t, c))
        return;
    tide_sqlw_put(e, " (");
    if (t && t->schema && pg_seq_column_name(t->name, c, name)) {
        if (pg_seq_column_options(t->name, c, 2, &opts, e->err) < 0)
            e->rc = e->rc ? e->rc : TIDE_ECONFIG;
        tide_sqlw_put(e, "sequence name ");
        tide_sqlw_qname(e, t->schema, name);
        if (opts.len) {
            tide_sqlw_put(e, " ");
            tide_sqlw_put(e, opts.data);
        }
    } else {
        tide_sqlw_put(e, c->sequence);
    }
    tide_sqlw_put(e, ")");
    tide_buf_free(&opts);
}

static void column_def(tide_sqlw *e, const tide_table *t, const tide_column *c)
{
    tide_sqlw_q(e, c->name);
    tide_sqlw_put(e, " ");
    type_of(e, c);
    if (c->collation) {
        tide_sqlw_put(e, " collate ");
        tide_sqlw_q(e, c->collation);
    }
    if (!c->nullable)
        tide_sqlw_put(e, " not null");
    if (c->identity) {
        tide_sqlw_put(e, " generated ");
        tide_sqlw_put(e, c->identity);
        tide_sqlw_put(e, " as identity");
        identity_options(e, t, c);
        return;
    }
    if (c->generated) {
        if (!c->generated_stored)
            tide_sqlw_fail(e, "column %s: PostgreSQL has only stored generated columns "
                           "(declare it stored)", c->name);
        tide_sqlw_put(e, " generated always as (");
        tide_sqlw_put(e, c->generated);
        tide_sqlw_put(e, ") stored");
        return;
    }
    if (c->default_expr && !c->autoincrement) {
        tide_sqlw_put(e, " default ");
        tide_sqlw_term(e, c->default_server ? c->default_server : c->default_expr);
    }
}


void pg_emit__comment_on(tide_sqlw *e, const char *what, const char *schema, const char *name, const char *col,
                         const char *text)
{
    tide_sqlw_put(e, "comment on ");
    tide_sqlw_put(e, what);
    tide_sqlw_put(e, " ");
    tide_sqlw_qname(e, schema, name);
    if (col) {
        tide_sqlw_put(e, ".");
        tide_sqlw_q(e, col);
    }
    pg_emit__comment_is(e, text);
}

void pg_emit__comment_is(tide_sqlw *e, const char *text)
{
    tide_sqlw_put(e, " is ");
    if (text)
        tide_sqlw_literal(e, text);
    else
        tide_sqlw_put(e, "null");
    tide_sqlw_stmt(e);
}

static void comment_on(tide_sqlw *e, const char *what, const tide_table *t, const char *col, const char *text)
{
    pg_emit__comment_on(e, what, t->schema, t->name, col, text);
}

static void owned_sequence(tide_sqlw *e, const tide_table *t, const tide_column *c, const char *options);

static void alter_col(tide_sqlw *e, const tide_table *t, const tide_column *c, const char *what);

/* ALTER COLUMN ... RESET (the attribute options old has and c has not),
 * then SET (c's, when they differ from old's): both lists as the driver's
 * normalize spells them, "name=value" joined by ", ". */
static void column_attoptions(tide_sqlw *e, const tide_table *t, const tide_column *c, const char *old)
{
    const char *p, *q, *now = c->attoptions ? c->attoptions : "";
    int n = 0;
    if (!strcmp(old ? old : "", now))
        return;
    for (p = old; p && *p; p = *q ? q + 2 : q) {
        size_t len = strcspn(p, "=");
        const char *s;
        int kept = 0;
        q = p + strcspn(p, ",");
        for (s = now; *s && !kept; s += strcspn(s, ","), s += *s ? 2 : 0)
            kept = !strncmp(s, p, len) && s[len] == '=';
        if (kept)
            continue;
        if (!n++)
            alter_col(e, t, c, " reset (");
        else
            tide_sqlw_put(e, ", ");
        tide_sqlw_putn(e, p, len);
    }
    if (n) {
        tide_sqlw_put(e, ")");
        tide_sqlw_stmt(e);
    }
    if (*now) {
        alter_col(e, t, c, " set (");
        tide_sqlw_put(e, now);
        tide_sqlw_put(e, ")");
        tide_sqlw_stmt(e);
    }
}

/* SET STATISTICS, STORAGE, COMPRESSION, attribute options of column c, as old (NULL: a new
 * column) had them otherwise; a storage back to the type's own is read
 * from the catalog. */
static void column_storage(tide_sqlw *e, const tide_table *t, const tide_column *c, const tide_column *old)
{
    const char *os = old ? old->statistics : NULL, *og = old ? old->storage : NULL,
               *oc = old ? old->compression : NULL;
    column_attoptions(e, t, c, old ? old->attoptions : NULL);
    if (strcmp(os ? os : "", c->statistics ? c->statistics : "")) {
        alter_col(e, t, c, " set statistics ");
        tide_sqlw_put(e, c->statistics ? c->statistics : "-1");
        tide_sqlw_stmt(e);
    }
    if (strcmp(oc ? oc : "", c->compression ? c->compression : "")) {
        alter_col(e, t, c, " set compression ");
        tide_sqlw_put(e, c->compression ? c->compression : "default");
        tide_sqlw_stmt(e);
    }
    if (c->storage && strcmp(og ? og : "", c->storage)) {
        alter_col(e, t, c, " set storage ");
        tide_sqlw_put(e, c->storage);
        tide_sqlw_stmt(e);
    } else if (!c->storage && og) {
        tide_buf table = TIDE_BUF_INIT;
        pg_emit__table_name(e, t, &table);
        tide_sqlw_put(e, "do $tide$ begin execute format('alter table %s alter column %I set storage %s', ");
        tide_sqlw_literal(e, table.data ? table.data : "");
        tide_sqlw_put(e, ", ");
        tide_sqlw_literal(e, c->name);
        tide_sqlw_put(e, ", (select case ty.typstorage when 'p' then 'plain' when 'e' then 'external' "
                         "when 'm' then 'main' else 'extended' end from pg_catalog.pg_attribute a "
                         "join pg_catalog.pg_type ty on ty.oid = a.atttypid where a.attrelid = ");
        tide_sqlw_literal(e, table.data ? table.data : "");
        tide_sqlw_put(e, "::regclass and a.attname = ");
        tide_sqlw_literal(e, c->name);
        tide_sqlw_put(e, ")); end $tide$");
        tide_sqlw_stmt(e);
        tide_buf_free(&table);
    }
}

/* t's name, quoted and qualified, into out (a literal's text: the server
 * reads it back with ::regclass or pg_get_serial_sequence). */
void pg_emit__table_name(tide_sqlw *e, const tide_table *t, tide_buf *out)
{
    pg_emit__rel_name(e, t->schema, t->name, out);
}

void pg_emit__rel_name(tide_sqlw *e, const char *schema, const char *name, tide_buf *out)
{
    if ((schema && (tide_postgres_driver.quote_ident(out, schema) < 0 || tide_buf_putc(out, '.') < 0)) ||
        tide_postgres_driver.quote_ident(out, name) < 0)
        e->rc = e->rc ? e->rc : TIDE_ENOMEM;
}

/* The column's own sequence takes the name its options say (or, said
 * none, the one PostgreSQL gives it), when it bears another: ALTER SEQUENCE
 * takes no name option, and a serial's sequence is made before its name
 * can be said. */
static void sequence_rename(tide_sqlw *e, const tide_table *t, const tide_column *c)
{
    char name[128];
    tide_buf table = TIDE_BUF_INIT;
    pg_seq_column_name(t->name, c, name);
    pg_emit__table_name(e, t, &table);
    tide_sqlw_put(e, "do $tide$ declare s regclass := pg_get_serial_sequence(");
    tide_sqlw_literal(e, table.data ? table.data : "");
    tide_sqlw_put(e, ", ");
    tide_sqlw_literal(e, c->name);
    tide_sqlw_put(e, ")::regclass; begin if s is not null and (select relname from pg_catalog.pg_class "
                     "where oid = s) <> ");
    tide_sqlw_literal(e, name);
    tide_sqlw_put(e, " then execute format('alter sequence %s rename to %I', s, ");
    tide_sqlw_literal(e, name);
    tide_sqlw_put(e, "); end if; end $tide$");
    tide_sqlw_stmt(e);
    tide_buf_free(&table);
}

/* A serial column's own sequence as its options say (its name apart). */
static void serial_sequence(tide_sqlw *e, const tide_table *t, const tide_column *c)
{
    char name[128];
    tide_buf opts = TIDE_BUF_INIT;
    if (!c->sequence)
        return;
    if (pg_seq_column_options(t->name, c, 2, &opts, e->err) < 0)
        e->rc = e->rc ? e->rc : TIDE_ECONFIG;
    else if (opts.len)
        owned_sequence(e, t, c, opts.data);
    tide_buf_free(&opts);
    if (pg_seq_column_name(t->name, c, name))
        sequence_rename(e, t, c);
}

/* Did the name of a serial or identity column's own sequence change
 * (either name said or PostgreSQL's)? */
static int sequence_renamed(const tide_table *ot, const tide_column *oc, const tide_table *t,
                            const tide_column *c)
{
    char a[128], b[128];
    if (!oc->autoincrement || !c->autoincrement)
        return 0;
    pg_seq_column_name(ot->name, oc, a);
    pg_seq_column_name(t->name, c, b);
    return strcmp(a, b) != 0;
}

/* A new column's own sequence options (an identity column says them in
 * its definition), statistics, storage and compression; a serial column
 * that takes NULL (serial says NOT NULL, and refuses NULL beside it). */
static void serial_options(tide_sqlw *e, const tide_table *t, const tide_column *c)
{
    if ((c->autoincrement && !c->identity) || identity_as(t, c))
        serial_sequence(e, t, c);
    if (c->autoincrement && !c->identity && c->nullable) {
        alter_col(e, t, c, " drop not null");
        tide_sqlw_stmt(e);
    }
    if (c->statistics || c->storage || c->compression || c->attoptions)
        column_storage(e, t, c, NULL);
}

/* The words after a constraint's column list or expression. */
static void con_options(tide_sqlw *e, unsigned options)
{
    if (options & TIDE_CON_NO_INHERIT)
        tide_sqlw_put(e, " no inherit");
    if (options & (TIDE_CON_DEFERRABLE | TIDE_CON_INITIALLY_DEFERRED))
        tide_sqlw_put(e, options & TIDE_CON_INITIALLY_DEFERRED ? " deferrable initially deferred" : " deferrable");
    if (options & TIDE_CON_NOT_VALID)
        tide_sqlw_put(e, " not valid");
}

static void unique_body(tide_sqlw *e, const tide_unique *u)
{
    tide_sqlw_put(e, u->options & TIDE_CON_NULLS_NOT_DISTINCT ? " unique nulls not distinct " : " unique ");
    tide_sqlw_columns(e, u->columns, u->ncolumns);
    if (u->ninclude) {
        tide_sqlw_put(e, " include ");
        tide_sqlw_columns(e, u->include, u->ninclude);
    }
    con_options(e, u->options);
}

static void check_body(tide_sqlw *e, const tide_check *k)
{
    tide_sqlw_put(e, " check (");
    tide_sqlw_put(e, k->expr);
    tide_sqlw_put(e, ")");
    con_options(e, k->options);
}

static void add_check(tide_sqlw *e, const tide_table *t, const tide_check *k);

/* The separator before item n of a CREATE TABLE's list: the first may be
 * a constraint (a child table's columns may all be inherited), and there
 * may be none (CREATE TABLE t ()). */
static void table_item(tide_sqlw *e, int *n)
{
    tide_sqlw_put(e, (*n)++ ? ",\n  " : "\n  ");
}

/* (a, b) include (c) deferrable: the primary key after its name. */
static void pk_body(tide_sqlw *e, const tide_table *t)
{
    tide_sqlw_columns(e, t->pk, t->npk);
    if (t->npk_include) {
        tide_sqlw_put(e, " include ");
        tide_sqlw_columns(e, t->pk_include, t->npk_include);
    }
    con_options(e, t->pk_options);
}

static void create_table(tide_sqlw *e, const tide_table *t)
{
    int i, n = 0;
    tide_sqlw_put(e, t->options & TIDE_TABLE_UNLOGGED ? "create unlogged table " : "create table ");
    qtable(e, t);
    tide_sqlw_put(e, " (");
    for (i = 0; i < t->ncolumns; i++) {
        table_item(e, &n);
        column_def(e, t, &t->columns[i]);
    }
    if (t->npk) {
        table_item(e, &n);
        tide_sqlw_put(e, "constraint ");
        tide_sqlw_q(e, t->pk_name);
        tide_sqlw_put(e, " primary key ");
        pk_body(e, t);
    }
    for (i = 0; i < t->nuniques; i++) {
        table_item(e, &n);
        tide_sqlw_put(e, "constraint ");
        tide_sqlw_q(e, t->uniques[i].name);
        unique_body(e, &t->uniques[i]);
    }
    for (i = 0; i < t->nchecks; i++) {
        if (t->checks[i].options & TIDE_CON_NOT_VALID)
            continue;                       /* CREATE TABLE validates every check */
        table_item(e, &n);
        tide_sqlw_put(e, "constraint ");
        tide_sqlw_q(e, t->checks[i].name);
        check_body(e, &t->checks[i]);
    }
    tide_sqlw_put(e, n ? "\n)" : ")");
    pg_emit__partition_by(e, t);
    if (t->with) {
        tide_sqlw_put(e, " with (");
        tide_sqlw_put(e, t->with);
        tide_sqlw_put(e, ")");
    }
    tide_sqlw_stmt(e);
    for (i = 0; i < t->nchecks; i++)
        if (t->checks[i].options & TIDE_CON_NOT_VALID)
            add_check(e, t, &t->checks[i]);
    for (i = 0; i < t->ncolumns; i++)
        serial_options(e, t, &t->columns[i]);
    if (t->comment)
        comment_on(e, "table", t, NULL, t->comment);
    for (i = 0; i < t->ncolumns; i++)
        if (t->columns[i].comment)
            comment_on(e, "column", t, t->columns[i].name, t->columns[i].comment);
}

static void create_index(tide_sqlw *e, const tide_table *t, const tide_index *ix)
{
    tide_sqlw_put(e, ix->unique ? "create unique index " : "create index ");
    tide_sqlw_q(e, ix->name);
    tide_sqlw_put(e, " on ");
    qtable(e, t);
    if (ix->method) {
        tide_sqlw_put(e, " using ");
        tide_sqlw_put(e, ix->method);
    }
    tide_sqlw_put(e, " ");
    tide_sqlw_index_body(e, ix);
    tide_sqlw_stmt(e);
}

static void alter_table(tide_sqlw *e, const tide_table *t)
{
    tide_sqlw_put(e, "alter table ");
    qtable(e, t);
    tide_sqlw_put(e, " ");
}

static void add_check(tide_sqlw *e, const tide_table *t, const tide_check *k)
{
    alter_table(e, t);
    tide_sqlw_put(e, "add constraint ");
    tide_sqlw_q(e, k->name);
    check_body(e, k);
    tide_sqlw_stmt(e);
}

static void drop_constraint(tide_sqlw *e, const tide_table *t, const char *name)
{
    alter_table(e, t);
    tide_sqlw_put(e, "drop constraint ");
    tide_sqlw_q(e, name);
    tide_sqlw_stmt(e);
}

/* serial on, as CREATE TABLE would have made it: a sequence owned by the
 * column, its default, and the sequence past the rows already there; off:
 * the default and the sequence go. */
static void change_serial(tide_sqlw *e, const tide_table *t, const tide_column *c)
{
    char seq[300];
    snprintf(seq, sizeof seq, "%s_%s_seq", t->name, c->name);
    if (!c->autoincrement) {
        alter_table(e, t);
        tide_sqlw_put(e, "alter column ");
        tide_sqlw_q(e, c->name);
        tide_sqlw_put(e, " drop default");
        tide_sqlw_stmt(e);
        tide_sqlw_put(e, "drop sequence if exists ");
        tide_sqlw_qname(e, t->schema, seq);
        tide_sqlw_stmt(e);
        return;
    }
    tide_sqlw_put(e, "create sequence ");
    tide_sqlw_qname(e, t->schema, seq);
    tide_sqlw_put(e, strcmp(c->type, "bigint") ? " as integer owned by " : " owned by ");
    qtable(e, t);
    tide_sqlw_put(e, ".");
    tide_sqlw_q(e, c->name);
    tide_sqlw_stmt(e);
    alter_table(e, t);
    tide_sqlw_put(e, "alter column ");
    tide_sqlw_q(e, c->name);
    tide_sqlw_put(e, " set default nextval(");
    {
        tide_buf name = TIDE_BUF_INIT;      /* nextval('"s"."t_id_seq"'): a quoted name in a literal */
        if ((t->schema && (tide_postgres_driver.quote_ident(&name, t->schema) < 0 ||
                           tide_buf_putc(&name, '.') < 0)) ||
            tide_postgres_driver.quote_ident(&name, seq) < 0)
            e->rc = TIDE_ENOMEM;
        tide_sqlw_literal(e, name.data ? name.data : "");
        tide_sqlw_put(e, "::regclass)");
        tide_sqlw_stmt(e);
        tide_sqlw_put(e, "select setval(");
        tide_sqlw_literal(e, name.data ? name.data : "");
        tide_buf_free(&name);
    }
    tide_sqlw_put(e, ", coalesce(max(");
    tide_sqlw_q(e, c->name);
    tide_sqlw_put(e, "), 0) + 1, false) from ");
    qtable(e, t);
    tide_sqlw_stmt(e);
}

/* The value a type change converts: the plan's fill for the column when
 * it has one (text for an enum), else the column itself (as text). */
static void using_expr(tide_sqlw *e, const tide_table *t, const tide_column *c, int as_text)
{
    const char *fill = tide_plan_fill(e->plan, t, c->name);
    if (fill) {
        tide_sqlw_put(e, "(");
        tide_sqlw_put(e, fill);
        tide_sqlw_put(e, ")");
        return;
    }
    tide_sqlw_q(e, c->name);
    if (as_text)
        tide_sqlw_put(e, "::text");
}

/* ---- casts ------------------------------------------------------------------ */

/* A type's family for the casts PostgreSQL has built in (pg_cast, and the
 * I/O conversion every type has to and from the string types). */
static char cast_family(const tide_column *c)
{
    static const struct { const char *prefix; char family; } kinds[] = {
        {"smallint", 'n'}, {"integer", 'n'}, {"bigint", 'n'}, {"real", 'n'}, {"double", 'n'},
        {"numeric", 'n'}, {"text", 's'}, {"varchar", 's'}, {"char", 's'}, {"date", 't'},
        {"timestamp", 't'}, {"timestamptz", 't'}, {"json", 'j'}, {"jsonb", 'j'}, {NULL, 0}
    };
    size_t n = strcspn(c->type, "(");
    int i;
    if (c->is_enum)
        return 'e';
    if (strchr(c->type, '['))
        return 'a';
    for (i = 0; kinds[i].prefix; i++)
        if (strlen(kinds[i].prefix) == n && !strncmp(c->type, kinds[i].prefix, n))
            return kinds[i].family;
    return 0;                               /* uuid, boolean, bytea, time...: itself only */
}

/* Does PostgreSQL cast from's values to to's type (col::to)? By the built-in
 * casts: within a family (numbers, strings, dates and times, json), to and
 * from strings and enums (through text), integer and boolean, time and
 * timetz (and the timestamps, interval, to them). */
static int castable(const tide_column *from, const tide_column *to)
{
    char a = cast_family(from), b = cast_family(to);
    if (!strcmp(from->type, to->type) || a == 's' || b == 's' || a == 'e' || b == 'e')
        return 1;
    if (a && a == b && a != 'a')
        return 1;
    if ((!strcmp(from->type, "integer") && !strcmp(to->type, "boolean")) ||
        (!strcmp(from->type, "boolean") && !strcmp(to->type, "integer")))
        return 1;
    if ((!strcmp(from->type, "time") && (!strcmp(to->type, "timetz") || !strcmp(to->type, "interval"))) ||
        (!strcmp(from->type, "timetz") && !strcmp(to->type, "time")) ||
        (!strcmp(from->type, "interval") && !strcmp(to->type, "time")) ||
        (!strcmp(from->type, "timestamptz") && !strcmp(to->type, "timetz")))
        return 1;
    if (!strcmp(from->type, "timestamp") || !strcmp(from->type, "timestamptz"))
        return !strcmp(to->type, "time");
    return a == 'a' && b == 'a';            /* arrays: element by element, left to the server */
}

/* ALTER SEQUENCE of the sequence a serial or identity column owns, whatever
 * its name: alter sequence <it> <options>. */
static void owned_sequence(tide_sqlw *e, const tide_table *t, const tide_column *c, const char *options)
{
    tide_buf table = TIDE_BUF_INIT;
    pg_emit__table_name(e, t, &table);
    pg_emit__alter_sequence(e, table.data ? table.data : "", c->name, options);
    tide_buf_free(&table);
}

/* alter sequence <it> <options>, it being the sequence column owns in
 * table, or the sequence named by table when column is NULL. A sequence
 * never drawn from (not called, still at its start) restarts at its new
 * start, as a sequence created with these options would; one drawn from
 * keeps its position. */
void pg_emit__alter_sequence(tide_sqlw *e, const char *table, const char *column, const char *options)
{
    tide_sqlw_put(e, "do $tide$ declare s text := ");
    if (column) {
        tide_sqlw_put(e, "pg_get_serial_sequence(");
        tide_sqlw_literal(e, table);
        tide_sqlw_put(e, ", ");
        tide_sqlw_literal(e, column);
        tide_sqlw_put(e, ")");
    } else {
        tide_sqlw_literal(e, table);
    }
    tide_sqlw_put(e, "; fresh boolean; begin execute format('select not is_called and last_value = "
                     "(select seqstart from pg_catalog.pg_sequence where seqrelid = %L::regclass) from %s', s, s) "
                     "into fresh; execute 'alter sequence ' || s || ' ' || ");
    tide_sqlw_literal(e, options);
    tide_sqlw_put(e, " || case when fresh then ' restart' else '' end; end $tide$");
    tide_sqlw_stmt(e);
}

/* serial, bigserial and smallserial are shorthands, not types: a column that
 * keeps its sequence and changes its type changes the sequence's type too
 * (an identity column's sequence follows the column by itself). */
static void sequence_type(tide_sqlw *e, const tide_table *t, const tide_column *c)
{
    char as[64];
    if (c->identity)
        return;
    snprintf(as, sizeof as, "as %s", c->type);
    owned_sequence(e, t, c, as);
}

/* Every option of the column's own sequence said (those not in c->sequence
 * at their defaults), so that options set before are reset. */
static void sequence_options(tide_sqlw *e, const tide_table *t, const tide_column *c)
{
    tide_buf opts = TIDE_BUF_INIT;
    if (pg_seq_column_options(t->name, c, 1, &opts, e->err) < 0)
        e->rc = e->rc ? e->rc : TIDE_ECONFIG;
    else
        owned_sequence(e, t, c, opts.data);
    tide_buf_free(&opts);
}

static void alter_col(tide_sqlw *e, const tide_table *t, const tide_column *c, const char *what)
{
    alter_table(e, t);
    tide_sqlw_put(e, "alter column ");
    tide_sqlw_q(e, c->name);
    tide_sqlw_put(e, what);
}

/* The column becomes an identity column: its sequence goes past the rows
 * already there. */
static void add_identity(tide_sqlw *e, const tide_table *t, const tide_column *c)
{
    tide_buf table = TIDE_BUF_INIT;
    alter_col(e, t, c, " add generated ");
    tide_sqlw_put(e, c->identity);
    tide_sqlw_put(e, " as identity");
    identity_options(e, t, c);
    tide_sqlw_stmt(e);
    pg_emit__table_name(e, t, &table);
    tide_sqlw_put(e, "select setval(pg_get_serial_sequence(");
    tide_sqlw_literal(e, table.data ? table.data : "");
    tide_sqlw_put(e, ", ");
    tide_sqlw_literal(e, c->name);
    tide_sqlw_put(e, "), max(");
    tide_sqlw_q(e, c->name);
    tide_sqlw_put(e, ")) from ");
    qtable(e, t);
    tide_sqlw_put(e, " having max(");
    tide_sqlw_q(e, c->name);
    tide_sqlw_put(e, ") is not null");
    tide_sqlw_stmt(e);
    tide_buf_free(&table);
}

/* Is the old default of op's column dropped by an earlier DROP_DEFAULT
 * of the plan (with the serial sequence it owned)? */
static int default_dropped_early(const tide_plan *plan, const tide_op *op)
{
    int i;
    for (i = 0; i < plan->n && &plan->ops[i] != op; i++)
        if (plan->ops[i].kind == TIDE_OP_DROP_DEFAULT && plan->ops[i].old_column == op->old_column)
            return 1;
    return 0;
}

/* TIDE_OP_DROP_DEFAULT: the old column's default, and the sequence it owns
 * when it is serial, under the old names. */
static void drop_default(tide_sqlw *e, const tide_op *op)
{
    tide_column off = *op->old_column;
    if (off.autoincrement && !off.identity) {
        off.autoincrement = 0;
        change_serial(e, op->old_table, &off);
        return;
    }
    alter_col(e, op->old_table, op->old_column, " drop default");
    tide_sqlw_stmt(e);
}

/* What the column stops being, before its nullability and default change:
 * an identity column (DROP NOT NULL is refused while it is one), serial
 * (unless done early), or a plain default that an identity cannot have. */
static void leave_autoincrement(tide_sqlw *e, const tide_op *op, int early)
{
    const tide_table *t = op->table;
    const tide_column *c = op->column, *o = op->old_column;
    int was_serial = o->autoincrement && !o->identity, is_serial = c->autoincrement && !c->identity;
    if (o->identity && !c->identity) {
        alter_col(e, t, c, " drop identity");
        tide_sqlw_stmt(e);
    }
    if (was_serial && !is_serial && !early) {
        tide_column off = *c;
        off.autoincrement = 0;
        change_serial(e, t, &off);
    }
    if (c->identity && !o->autoincrement && o->default_expr && !early &&
        !(op->changes & (TIDE_CHANGE_TYPE | TIDE_CHANGE_COLLATION))) {
        alter_col(e, t, c, " drop default");  /* (a type change dropped it already) */
        tide_sqlw_stmt(e);
    }
}

/* What the column becomes, after its nullability changed (an identity
 * needs NOT NULL): serial, identity (always, by default), and the options
 * of its own sequence (TIDE_CHANGE_AUTOINCREMENT, TIDE_CHANGE_IDENTITY). */
static void enter_autoincrement(tide_sqlw *e, const tide_op *op)
{
    const tide_table *t = op->table;
    const tide_column *c = op->column, *o = op->old_column;
    int was_serial = o->autoincrement && !o->identity, is_serial = c->autoincrement && !c->identity;
    if (is_serial && !was_serial) {
        change_serial(e, t, c);
        serial_sequence(e, t, c);
    } else if (is_serial && strcmp(o->sequence ? o->sequence : "", c->sequence ? c->sequence : "")) {
        sequence_options(e, t, c);
        if (sequence_renamed(t, o, t, c))
            sequence_rename(e, t, c);
    }
    if (c->identity && !o->identity) {
        add_identity(e, t, c);
    } else if (c->identity) {
        if (strcmp(o->identity, c->identity)) {
            alter_col(e, t, c, " set generated ");
            tide_sqlw_put(e, c->identity);
            tide_sqlw_stmt(e);
        }
        if (strcmp(o->sequence ? o->sequence : "", c->sequence ? c->sequence : "")) {
            sequence_options(e, t, c);
            if (sequence_renamed(t, o, t, c))
                sequence_rename(e, t, c);
        }
    }
}

/* A generated column's expression changed, or it became one: PostgreSQL 15
 * cannot alter the expression, so the column is dropped and added again
 * (its values are computed: nothing is lost). A generated column that
 * becomes a plain one keeps its values (DROP EXPRESSION); the other
 * changes then follow. 1 when the column was added again (done). */
static int change_generated(tide_sqlw *e, const tide_op *op)
{
    const tide_table *t = op->table;
    const tide_column *c = op->column;
    if (!c->generated) {
        alter_table(e, t);
        tide_sqlw_put(e, "alter column ");
        tide_sqlw_q(e, c->name);
        tide_sqlw_put(e, " drop expression");
        tide_sqlw_stmt(e);
        return 0;
    }
    alter_table(e, t);
    tide_sqlw_put(e, "drop column ");
    tide_sqlw_q(e, op->old_column->name);
    tide_sqlw_stmt(e);
    alter_table(e, t);
    tide_sqlw_put(e, "add column ");
    column_def(e, t, c);
    tide_sqlw_stmt(e);
    if (c->comment)
        comment_on(e, "column", t, c->name, c->comment);
    return 1;
}

static void alter_column(tide_sqlw *e, const tide_op *op)
{
    const tide_table *t = op->table;
    const tide_column *c = op->column;
    tide_column plain = *c;                 /* the type without the serial shorthand */
    int early = default_dropped_early(e->plan, op);
    plain.autoincrement = 0;
    if ((op->changes & TIDE_CHANGE_TYPE) && !tide_plan_fill(e->plan, t, c->name) && !castable(op->old_column, c) &&
        !pg_emit__domain_cast(e->plan, op->old_column, c)) {
        tide_sqlw_fail(e, "column %s.%s: PostgreSQL has no cast from %s to %s, so this migration could not "
                       "run. Write it yourself: tide migration:create --blank, then m:changeColumnType{ "
                       "table = \"%s\", column = \"%s\", to = \"%s\", using = \"<an expression of the old "
                       "value>\" }; or add a column of the new type under another name and drop this one",
                       t->name, c->name, op->old_column->type, c->type, t->name, c->name, c->type);
        return;
    }
    if ((op->changes & TIDE_CHANGE_GENERATED) && change_generated(e, op))
        return;
    if (op->changes & (TIDE_CHANGE_TYPE | TIDE_CHANGE_COLLATION)) {
        if (op->old_column->default_expr) {
            alter_table(e, t);              /* the old default may not cast to the new type */
            tide_sqlw_put(e, "alter column ");
            tide_sqlw_q(e, c->name);
            tide_sqlw_put(e, " drop default");
            tide_sqlw_stmt(e);
        }
        alter_table(e, t);
        tide_sqlw_put(e, "alter column ");
        tide_sqlw_q(e, c->name);
        tide_sqlw_put(e, " type ");
        type_of(e, &plain);
        if (c->collation) {
            tide_sqlw_put(e, " collate ");
            tide_sqlw_q(e, c->collation);
        }
        tide_sqlw_put(e, " using ");
        using_expr(e, t, c, op->old_column->is_enum);     /* enum to enum goes through text */
        tide_sqlw_put(e, "::");
        type_of(e, &plain);
        tide_sqlw_stmt(e);
        if ((op->changes & TIDE_CHANGE_TYPE) && c->autoincrement && op->old_column->autoincrement)
            sequence_type(e, t, c);
    }
    if (op->changes & (TIDE_CHANGE_AUTOINCREMENT | TIDE_CHANGE_IDENTITY))
        leave_autoincrement(e, op, early);
    if (op->changes & TIDE_CHANGE_NULLABLE) {
        alter_table(e, t);
        tide_sqlw_put(e, "alter column ");
        tide_sqlw_q(e, c->name);
        tide_sqlw_put(e, c->nullable ? " drop not null" : " set not null");
        tide_sqlw_stmt(e);
    }
    if ((op->changes & (TIDE_CHANGE_DEFAULT | TIDE_CHANGE_TYPE | TIDE_CHANGE_COLLATION)) &&
        (c->default_expr || ((op->changes & TIDE_CHANGE_DEFAULT) && !early)) && !c->autoincrement) {
        alter_table(e, t);
        tide_sqlw_put(e, "alter column ");
        tide_sqlw_q(e, c->name);
        if (c->default_expr) {
            tide_sqlw_put(e, " set default ");
            tide_sqlw_term(e, c->default_server ? c->default_server : c->default_expr);
        } else {
            tide_sqlw_put(e, " drop default");
        }
        tide_sqlw_stmt(e);
    }
    if ((op->changes & (TIDE_CHANGE_DEFAULT | TIDE_CHANGE_TYPE | TIDE_CHANGE_COLLATION)) && t->partition_by)
        pg_emit__partition_defaults_again(e, t->schema, t->name, c->name, 0);
    if (op->changes & (TIDE_CHANGE_AUTOINCREMENT | TIDE_CHANGE_IDENTITY))
        enter_autoincrement(e, op);
    if (op->changes & TIDE_CHANGE_STORAGE)
        column_storage(e, t, c, op->old_column);
    if (op->changes & TIDE_CHANGE_COMMENT)
        comment_on(e, "column", t, c->name, c->comment);
}

/* <name>__tide_old, the type replace_enum renamed aside */
static void old_enum_name(const tide_enum *en, char *out, size_t cap)
{
    snprintf(out, cap, "%s__tide_old", en->name);
}

/* Is column c of t created by this plan (its table or itself), so that it
 * does not exist yet when an enum is replaced? */
static int created_later(const tide_plan *plan, const tide_table *t, const tide_column *c)
{
    int i;
    for (i = 0; i < plan->n; i++) {
        const tide_op *op = &plan->ops[i];
        if (op->table == t && (op->kind == TIDE_OP_CREATE_TABLE ||
                               (op->kind == TIDE_OP_ADD_COLUMN && op->column == c)))
            return 1;
    }
    return 0;
}

/* Whether SQL text names column col as a word of its own (quoted or not;
 * a string literal holding it counts too, which only costs a drop and a
 * create). */
static int names_column(const char *text, const char *col)
{
    size_t n = strlen(col);
    const char *p;
    for (p = text ? strstr(text, col) : NULL; p && n; p = strstr(p + 1, col)) {
        unsigned char before = p > text ? (unsigned char)p[-1] : ' ', after = (unsigned char)p[n];
        if (!(isalnum(before) || before == '_' || before >= 0x80) && !(isalnum(after) || after == '_' || after >= 0x80))
            return 1;
    }
    return 0;
}

static int has_check(const tide_table *t, const char *name)
{
    int i;
    for (i = 0; i < t->nchecks; i++)
        if (!strcmp(t->checks[i].name, name))
            return 1;
    return 0;
}

static int has_index(const tide_table *t, const char *name)
{
    int i;
    for (i = 0; i < t->nindexes; i++)
        if (!strcmp(t->indexes[i].name, name))
            return 1;
    return 0;
}

/* Whether the plan drops the check or index `name` of t (its own drop and
 * create then make it around the change). */
static int plan_drops(const tide_plan *plan, const tide_table *t, const char *name, tide_op_kind kind)
{
    int i;
    for (i = 0; i < plan->n; i++) {
        const tide_op *op = &plan->ops[i];
        const char *what = op->kind != kind ? NULL : kind == TIDE_OP_DROP_CHECK ? op->check->name : op->index->name;
        if (what && !strcmp(what, name) && (op->table == t || (op->old_table && !strcmp(op->old_table->name, t->name))))
            return 1;
    }
    return 0;
}

/* The checks and the indexes (by their expression or predicate) of t that
 * name column col of an enum being replaced: PostgreSQL cannot convert the
 * column under them (operator does not exist: e <> e__tide_old). Dropped
 * before (again: made again after, with their comments), unless the plan
 * makes or drops them itself. */
static void enum_column_users(tide_sqlw *e, const tide_table *t, const tide_column *c, int again)
{
    const tide_table *was = tide_schema_find_table(e->plan->from, t->schema, t->name);
    int i;
    for (i = 0; was && i < t->nchecks; i++) {
        const tide_check *k = &t->checks[i];
        if (!names_column(k->expr, c->name) || !has_check(was, k->name) ||
            plan_drops(e->plan, t, k->name, TIDE_OP_DROP_CHECK))
            continue;
        if (!again) {
            drop_constraint(e, t, k->name);
            continue;
        }
        add_check(e, t, k);
        if (k->comment) {                   /* as the plan's own comment on it would say it */
            tide_op said;
            memset(&said, 0, sizeof said);
            said.kind = TIDE_OP_COMMENT;
            said.table = t;
            said.new_name = k->name;
            said.value = k->comment;
            pg_emit__comment(e, &said);
        }
    }
    for (i = 0; was && i < t->nindexes; i++) {
        const tide_index *ix = &t->indexes[i];
        if (!(names_column(ix->expression, c->name) || names_column(ix->where, c->name)) ||
            !has_index(was, ix->name) || plan_drops(e->plan, t, ix->name, TIDE_OP_DROP_INDEX))
            continue;
        if (!again) {
            tide_sqlw_put(e, "drop index ");
            tide_sqlw_qname(e, t->schema, ix->name);
            tide_sqlw_stmt(e);
            continue;
        }
        create_index(e, t, ix);
        if (ix->comment)
            pg_emit__index_comment(e, t, ix);
    }
}

/* New type, columns cast through text, old type dropped: PostgreSQL cannot
 * remove or reorder enum values in place. Rows holding a removed value make
 * the cast fail, so nothing is lost silently. */
static void replace_enum(tide_sqlw *e, const tide_op *op)
{
    const tide_enum *en = op->enumt;
    char old[300], qualified[300];
    int i, j;
    old_enum_name(en, old, sizeof old);
    snprintf(qualified, sizeof qualified, "%s%s%s", en->schema ? en->schema : "", en->schema ? "." : "", en->name);
    tide_sqlw_put(e, "alter type ");
    tide_sqlw_qname(e, en->schema, en->name);
    tide_sqlw_put(e, " rename to ");
    tide_sqlw_q(e, old);
    tide_sqlw_stmt(e);
    tide_sqlw_put(e, "create type ");
    tide_sqlw_qname(e, en->schema, en->name);
    tide_sqlw_put(e, " as enum (");
    for (i = 0; i < en->nvalues; i++) {
        if (i)
            tide_sqlw_put(e, ", ");
        tide_sqlw_literal(e, en->values[i]);
    }
    tide_sqlw_put(e, ")");
    tide_sqlw_stmt(e);
    for (i = 0; i < e->plan->to->ntables; i++) {
        const tide_table *t = e->plan->to->tables[i];
        for (j = 0; j < t->ncolumns; j++) {
            const tide_column *c = &t->columns[j];
            size_t n = strlen(qualified);
            int array = !strncmp(c->type, qualified, n) && !strcmp(c->type + n, "[]");
            if ((!array && (!c->is_enum || strcmp(c->type, qualified))) || created_later(e->plan, t, c))
                continue;
            enum_column_users(e, t, c, 0);
            if (c->default_expr) {
                alter_table(e, t);
                tide_sqlw_put(e, "alter column "); tide_sqlw_q(e, c->name); tide_sqlw_put(e, " drop default");
                tide_sqlw_stmt(e);
            }
            alter_table(e, t);
            tide_sqlw_put(e, "alter column ");
            tide_sqlw_q(e, c->name);
            tide_sqlw_put(e, " type ");
            tide_sqlw_qname(e, en->schema, en->name);
            tide_sqlw_put(e, array ? "[] using " : " using ");
            using_expr(e, t, c, 1);
            tide_sqlw_put(e, array ? "[]::" : "::");    /* an array of it: through text[] */
            tide_sqlw_qname(e, en->schema, en->name);
            tide_sqlw_put(e, array ? "[]" : "");
            tide_sqlw_stmt(e);
            if (c->default_expr) {
                alter_table(e, t);
                tide_sqlw_put(e, "alter column "); tide_sqlw_q(e, c->name); tide_sqlw_put(e, " set default ");
                tide_sqlw_term(e, c->default_server ? c->default_server : c->default_expr);
                tide_sqlw_stmt(e);
            }
            enum_column_users(e, t, c, 1);
        }
    }
}

/* The PostgreSQL table options in the bits of `changed`: UNLOGGED and row
 * level security (old: 0 for a table being created). */
static void set_options(tide_sqlw *e, const tide_table *t, unsigned changed)
{
    unsigned on = t->options;
    if (changed & TIDE_TABLE_UNLOGGED) {
        alter_table(e, t);
        tide_sqlw_put(e, on & TIDE_TABLE_UNLOGGED ? "set unlogged" : "set logged");
        tide_sqlw_stmt(e);
    }
    if (changed & TIDE_TABLE_ROW_SECURITY) {
        alter_table(e, t);
        tide_sqlw_put(e, on & TIDE_TABLE_ROW_SECURITY ? "enable row level security" : "disable row level security");
        tide_sqlw_stmt(e);
    }
    if (changed & TIDE_TABLE_FORCE_ROW_SECURITY) {
        alter_table(e, t);
        tide_sqlw_put(e, on & TIDE_TABLE_FORCE_ROW_SECURITY ? "force row level security"
                                                            : "no force row level security");
        tide_sqlw_stmt(e);
    }
}

/* Storage parameters from old to now ("fillfactor=70, ..." or NULL): the
 * names gone are reset, the others set. */
static void storage_change(tide_sqlw *e, const tide_table *t, const char *old, const char *now)
{
    const char *p, *q;
    int n = 0;
    if (old == now || (old && now && !strcmp(old, now)))
        return;
    for (p = old; p && *p; p = *q ? q + 2 : q) {
        size_t key = strcspn(p, "="), len;
        const char *r;
        q = p + strcspn(p, ",");
        len = (size_t)(q - p);
        for (r = now; r && *r; r += strcspn(r, ",") + (r[strcspn(r, ",")] ? 2 : 0))
            if (!strncmp(r, p, key) && r[key] == '=')
                break;
        if (r && *r)
            continue;                           /* still set: set below */
        if (!n++) {
            alter_table(e, t);
            tide_sqlw_put(e, "reset (");
        } else {
            tide_sqlw_put(e, ", ");
        }
        {
            char name[128];
            snprintf(name, sizeof name, "%.*s", (int)(key < len ? key : len), p);
            tide_sqlw_put(e, name);
        }
    }
    if (n) {
        tide_sqlw_put(e, ")");
        tide_sqlw_stmt(e);
    }
    if (now) {
        alter_table(e, t);
        tide_sqlw_put(e, "set (");
        tide_sqlw_put(e, now);
        tide_sqlw_put(e, ")");
        tide_sqlw_stmt(e);
    }
}

/* SQLite's options (STRICT, WITHOUT ROWID) have no PostgreSQL meaning. */
static void table_options(tide_sqlw *e, const tide_op *op)
{
    unsigned changed = op->table->options ^ op->old_table->options;
    if (pg_emit__partition_key_change(e, op))
        return;
    if (changed & (TIDE_TABLE_STRICT | TIDE_TABLE_WITHOUT_ROWID)) {
        tide_sqlw_fail(e, "table %s: PostgreSQL has no STRICT or WITHOUT ROWID tables", op->table->name);
        return;
    }
    set_options(e, op->table, changed);
    storage_change(e, op->table, op->old_table->with, op->table->with);
}

static void emit_op(tide_sqlw *e, const tide_op *op)
{
    const tide_table *t = op->table;
    int i;
    switch (op->kind) {
    case TIDE_OP_CREATE_NAMESPACE: case TIDE_OP_DROP_NAMESPACE:
        tide_sqlw_put(e, op->kind == TIDE_OP_CREATE_NAMESPACE ? "create schema if not exists " : "drop schema ");
        tide_sqlw_q(e, op->namespace_name);
        tide_sqlw_stmt(e);
        break;
    case TIDE_OP_DROP_DEFAULT:
        drop_default(e, op);
        break;
    case TIDE_OP_CREATE_ENUM:
        tide_sqlw_put(e, "create type ");
        tide_sqlw_qname(e, op->enumt->schema, op->enumt->name);
        tide_sqlw_put(e, " as enum (");
        for (i = 0; i < op->enumt->nvalues; i++) {
            if (i)
                tide_sqlw_put(e, ", ");
            tide_sqlw_literal(e, op->enumt->values[i]);
        }
        tide_sqlw_put(e, ")");
        tide_sqlw_stmt(e);
        break;
    case TIDE_OP_ADD_ENUM_VALUE:
        tide_sqlw_put(e, "alter type ");
        tide_sqlw_qname(e, op->enumt->schema, op->enumt->name);
        tide_sqlw_put(e, " add value ");
        tide_sqlw_literal(e, op->value);
        if (op->before) { tide_sqlw_put(e, " before "); tide_sqlw_literal(e, op->before); }
        else if (op->after) { tide_sqlw_put(e, " after "); tide_sqlw_literal(e, op->after); }
        tide_sqlw_stmt(e);
        break;
    case TIDE_OP_RENAME_ENUM_VALUE:
        tide_sqlw_put(e, "alter type ");
        tide_sqlw_qname(e, op->enumt->schema, op->enumt->name);
        tide_sqlw_put(e, " rename value ");
        tide_sqlw_literal(e, op->old_name);
        tide_sqlw_put(e, " to ");
        tide_sqlw_literal(e, op->new_name);
        tide_sqlw_stmt(e);
        break;
    case TIDE_OP_REPLACE_ENUM:
        replace_enum(e, op);
        break;
    case TIDE_OP_DROP_ENUM:
        tide_sqlw_put(e, "drop type ");
        if (op->enumt) {                     /* what a replace renamed aside */
            char old[300];
            old_enum_name(op->enumt, old, sizeof old);
            tide_sqlw_qname(e, op->enumt->schema, old);
        } else {
            tide_sqlw_qname(e, op->old_enum->schema, op->old_enum->name);
        }
        tide_sqlw_stmt(e);
        break;
    case TIDE_OP_DROP_FK:
        drop_constraint(e, op->old_table ? op->old_table : t, op->fk->name);
        break;
    case TIDE_OP_DROP_UNIQUE:
        drop_constraint(e, op->old_table, op->unique->name);
        break;
    case TIDE_OP_DROP_CHECK:
        drop_constraint(e, op->old_table, op->check->name);
        break;
    case TIDE_OP_DROP_PRIMARY_KEY:
        drop_constraint(e, op->old_table, op->old_table->pk_name);
        break;
    case TIDE_OP_DROP_INDEX:
        tide_sqlw_put(e, "drop index ");
        tide_sqlw_qname(e, op->old_table->schema, op->index->name);
        tide_sqlw_stmt(e);
        break;
    case TIDE_OP_RENAME_TABLE:
        if ((op->old_table->schema || t->schema) &&
            strcmp(op->old_table->schema ? op->old_table->schema : "public", t->schema ? t->schema : "public")) {
            alter_table(e, op->old_table);
            tide_sqlw_put(e, "set schema ");
            tide_sqlw_q(e, t->schema ? t->schema : "public");
            tide_sqlw_stmt(e);
        }
        if (strcmp(op->old_table->name, t->name)) {
            tide_sqlw_put(e, "alter table ");
            tide_sqlw_qname(e, t->schema, op->old_table->name);
            tide_sqlw_put(e, " rename to ");
            tide_sqlw_q(e, t->name);
            tide_sqlw_stmt(e);
        }
        for (i = 0; i < t->ncolumns; i++) {   /* sequences named after the table follow it */
            const tide_column *oc = tide_table_find_column(op->old_table, t->columns[i].name);
            if (oc && sequence_renamed(op->old_table, oc, t, &t->columns[i]))
                sequence_rename(e, t, &t->columns[i]);
        }
        break;
    case TIDE_OP_RENAME_COLUMN:
        alter_table(e, t);
        tide_sqlw_put(e, "rename column ");
        tide_sqlw_q(e, op->old_column->name);
        tide_sqlw_put(e, " to ");
        tide_sqlw_q(e, op->column->name);
        tide_sqlw_stmt(e);
        if (sequence_renamed(t, op->old_column, t, op->column))
            sequence_rename(e, t, op->column);
        break;
    case TIDE_OP_RENAME_CONSTRAINT:
        alter_table(e, t);
        tide_sqlw_put(e, "rename constraint ");
        tide_sqlw_q(e, op->old_name);
        tide_sqlw_put(e, " to ");
        tide_sqlw_q(e, op->new_name);
        tide_sqlw_stmt(e);
        break;
    case TIDE_OP_RENAME_INDEX:
        tide_sqlw_put(e, "alter index ");
        tide_sqlw_qname(e, t->schema, op->old_name);
        tide_sqlw_put(e, " rename to ");
        tide_sqlw_q(e, op->new_name);
        tide_sqlw_stmt(e);
        break;
    case TIDE_OP_DROP_TABLE:
        tide_sqlw_put(e, "drop table ");
        qtable(e, op->old_table);
        tide_sqlw_stmt(e);
        break;
    case TIDE_OP_CREATE_TABLE:
        create_table(e, t);
        set_options(e, t, t->options & (TIDE_TABLE_ROW_SECURITY | TIDE_TABLE_FORCE_ROW_SECURITY));
        break;
    case TIDE_OP_ADD_COLUMN:
        alter_table(e, t);
        tide_sqlw_put(e, "add column ");
        column_def(e, t, op->column);
        tide_sqlw_stmt(e);
        serial_options(e, t, op->column);
        if (op->column->comment)
            comment_on(e, "column", t, op->column->name, op->column->comment);
        break;
    case TIDE_OP_ALTER_COLUMN:
        alter_column(e, op);
        break;
    case TIDE_OP_DROP_COLUMN:
        alter_table(e, t);
        tide_sqlw_put(e, "drop column ");
        tide_sqlw_q(e, op->old_column->name);
        tide_sqlw_stmt(e);
        break;
    case TIDE_OP_ALTER_TABLE_COMMENT:
        if (op->index)
            pg_emit__index_comment(e, t, op->index);
        else
            comment_on(e, "table", t, NULL, t->comment);
        break;
    case TIDE_OP_ADD_PRIMARY_KEY:
        alter_table(e, t);
        tide_sqlw_put(e, "add constraint ");
        tide_sqlw_q(e, t->pk_name);
        tide_sqlw_put(e, " primary key ");
        pk_body(e, t);
        tide_sqlw_stmt(e);
        break;
    case TIDE_OP_ADD_UNIQUE:
        alter_table(e, t);
        tide_sqlw_put(e, "add constraint ");
        tide_sqlw_q(e, op->unique->name);
        unique_body(e, op->unique);
        tide_sqlw_stmt(e);
        break;
    case TIDE_OP_ADD_CHECK:
        add_check(e, t, op->check);
        break;
    case TIDE_OP_VALIDATE_CONSTRAINT:
        alter_table(e, t);
        tide_sqlw_put(e, "validate constraint ");
        tide_sqlw_q(e, op->new_name);
        tide_sqlw_stmt(e);
        break;
    case TIDE_OP_CREATE_INDEX:
        create_index(e, t, op->index);
        if (op->index->comment)
            pg_emit__index_comment(e, t, op->index);
        break;
    case TIDE_OP_ADD_FK:
        alter_table(e, t);
        tide_sqlw_put(e, "add ");
        tide_sqlw_fk(e, op->fk, 1);
        con_options(e, op->fk->options & TIDE_CON_NOT_VALID);
        tide_sqlw_stmt(e);
        break;
    case TIDE_OP_DROP_OBJECT: case TIDE_OP_CREATE_OBJECT: case TIDE_OP_RENAME_OBJECT:
    case TIDE_OP_ALTER_OBJECT: case TIDE_OP_ALTER_OBJECT_COMMENT:
        pg_emit__object(e, op);
        break;
    case TIDE_OP_ALTER_TABLE_OPTIONS:
        table_options(e, op);
        break;
    case TIDE_OP_COMMENT:
        pg_emit__comment(e, op);
        break;
    case TIDE_OP_CLUSTER_ON:
        alter_table(e, t);
        if (t->cluster_on) {
            tide_sqlw_put(e, "cluster on ");
            tide_sqlw_q(e, t->cluster_on);
        } else {
            tide_sqlw_put(e, "set without cluster");
        }
        tide_sqlw_stmt(e);
        break;
    case TIDE_OP_REBUILD_TABLE:
        pg_emit__rebuild(e, op);
        break;
    case TIDE_OP_REPLICA_IDENTITY:
        alter_table(e, t);
        tide_sqlw_put(e, "replica identity ");
        if (tide_table_replica_index(t)) {
            tide_sqlw_put(e, "using index ");
            tide_sqlw_q(e, tide_table_replica_index(t));
        } else {
            tide_sqlw_put(e, t->replica_identity ? t->replica_identity : "default");
        }
        tide_sqlw_stmt(e);
        break;
    }
}

void pg_emit__op(tide_sqlw *e, const tide_op *op)
{
    emit_op(e, op);
}

int pg_emit(const tide_plan *plan, tide_sql_list *out, tide_err *err)
{
    tide_sqlw e;
    int i;
    tide_sqlw_init(&e, &tide_postgres_driver, plan, out, err);
    for (i = 0; i < plan->n && e.rc == 0; i++)
        emit_op(&e, &plan->ops[i]);
    return tide_sqlw_finish(&e);
}

/* The driver's convert: an explicit cast; PostgreSQL refuses what does not
 * convert, so there is no misfit predicate. */
int pg_convert(const tide_column *to, const char *qsrc, const char *qdst, tide_buf *expr,
               tide_buf *misfit)
{
    tide_column plain = *to;
    tide_sqlw e;
    tide_err err;
    int rc;
    (void)qdst;
    (void)misfit;
    plain.autoincrement = 0;                 /* serial is no type to cast to */
    tide_sqlw_init(&e, &tide_postgres_driver, NULL, NULL, &err);
    tide_sqlw_put(&e, qsrc);
    tide_sqlw_put(&e, "::");
    type_of(&e, &plain);
    rc = e.rc ? e.rc : tide_buf_add(expr, e.sql.data ? e.sql.data : "", e.sql.len);
    tide_sqlw_finish(&e);
    return rc;
}
