/* dsl_writer.c — the schema model as schema definitions in the DSL
 * (lua/tide/schema.lua), for schema:inspect --format lua. Every choice made
 * here is checked against the way model_lua.c reads the DSL back: the text
 * must load into the model it came from, so anything the DSL would read
 * differently is written another way or named in a comment. */
#include "model/dsl_writer.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The text being written. Appends after a failure are no-ops (rc says what
 * failed), so that the functions below read as the text they produce. */
typedef struct writer {
    const tide_schema *s;
    unsigned char *declared;       /* per enum of s: declared already */
    tide_buf notes;                /* what the DSL cannot say, as comment lines */
    tide_buf name;                 /* scratch: generated names */
    tide_buf head, type, mods;     /* scratch: the three parts of a column line */
    const tide_table *kept_for;    /* the table columns_keep_order answered for last */
    int kept;                      /* and its answer */
    int rc;
} writer;

/* The column types the DSL has a method for, which take no argument. */
static const char *const simple_types[] = {
    "integer", "bigint", "smallint", "boolean", "real", "double", "text", "date", "time",
    "timestamp", "timestamptz", "json", "jsonb", "uuid", "bytea", NULL
};

/* ---- appending ----------------------------------------------------------- */

static void put(writer *w, tide_buf *b, const char *str)
{
    if (!w->rc && tide_buf_puts(b, str) < 0)
        w->rc = TIDE_ENOMEM;
}

__attribute__((format(printf, 3, 4)))
static void putf(writer *w, tide_buf *b, const char *fmt, ...)
{
    tide_buf tmp = TIDE_BUF_INIT;
    va_list ap;
    int n;
    if (w->rc)
        return;
    va_start(ap, fmt);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || tide_buf_grow(&tmp, (size_t)n + 1) < 0) {
        w->rc = TIDE_ENOMEM;
        return;
    }
    va_start(ap, fmt);
    vsnprintf(tmp.data, (size_t)n + 1, fmt, ap);
    va_end(ap);
    put(w, b, tmp.data);
    tide_buf_free(&tmp);
}

/* str as a Lua string literal: double quotes, with \\, \" and the control
 * bytes escaped (\ddd always three digits, so a digit after it is safe).
 * Other bytes, UTF-8 included, are written as they are. */
static void quote(writer *w, tide_buf *b, const char *str)
{
    const unsigned char *p;
    char esc[5];
    put(w, b, "\"");
    for (p = (const unsigned char *)str; *p && !w->rc; p++) {
        const char *e = *p == '"' ? "\\\"" : *p == '\\' ? "\\\\" : *p == '\n' ? "\\n"
                      : *p == '\t' ? "\\t" : *p == '\r' ? "\\r" : NULL;
        if (!e && (*p < 0x20 || *p == 0x7f)) {
            snprintf(esc, sizeof esc, "\\%03u", (unsigned)*p);
            e = esc;
        }
        if (e)
            put(w, b, e);
        else if (tide_buf_putc(b, (char)*p) < 0)
            w->rc = TIDE_ENOMEM;
    }
    put(w, b, "\"");
}

/* text as a Lua long string, [==[...]==] with the fewest '=' that the
 * text cannot close early; a line break after the opening bracket (which
 * Lua drops) when the text has lines. Lua reads any line break in a long
 * string as "\n", so text with a carriage return is quoted instead. */
static void long_string(writer *w, tide_buf *b, const char *text)
{
    tide_buf close = TIDE_BUF_INIT;
    size_t len = strlen(text);
    int level;
    if (strchr(text, '\r')) {
        quote(w, b, text);
        return;
    }
    for (level = 0; !w->rc; level++) {      /* "]==]" nowhere, and the text not ending in "]==" */
        if (level > 40) {                   /* a text made to defeat long strings */
            quote(w, b, text);
            tide_buf_free(&close);
            return;
        }
        tide_buf_reset(&close);
        if (tide_buf_putc(&close, ']') < 0 || tide_buf_printf(&close, "%.*s]", level, "==========================================") < 0) {
            w->rc = TIDE_ENOMEM;
            break;
        }
        if (!strstr(text, close.data) &&
            !(len >= close.len - 1 && !memcmp(text + len - (close.len - 1), close.data, close.len - 1)))
            break;
    }
    if (!w->rc) {
        putf(w, b, "[%.*s[%s", level, "==========================================",
             strchr(text, '\n') ? "\n" : "");
        put(w, b, text);
        put(w, b, close.data);
    }
    tide_buf_free(&close);
}

/* "a", "b" */
static void entries(writer *w, tide_buf *b, char *const *v, int n)
{
    int i;
    for (i = 0; i < n; i++) {
        if (i)
            put(w, b, ", ");
        quote(w, b, v[i]);
    }
}

/* { "a", "b" } */
static void str_list(writer *w, tide_buf *b, char *const *v, int n)
{
    put(w, b, "{ ");
    entries(w, b, v, n);
    put(w, b, " }");
}

/* "schema.name" or "name", quoted. */
static void qualified(writer *w, tide_buf *b, const char *schema, const char *name)
{
    tide_buf q = TIDE_BUF_INIT;
    if (tide_model_qualified(schema, name, &q) < 0)
        w->rc = TIDE_ENOMEM;
    else
        quote(w, b, q.data);
    tide_buf_free(&q);
}

/* A line of the notes at the top of the file. */
__attribute__((format(printf, 2, 3)))
static void note(writer *w, const char *fmt, ...)
{
    char line[640], *p;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    for (p = line; (p = strpbrk(p, "\r\n")); )
        *p = ' ';                        /* a name's line break would end the comment */
    putf(w, &w->notes, "--   %s\n", line);
}

/* ---- names ---------------------------------------------------------------- */

/* Is name the one the generated-name rule gives (model.c), so that it can
 * be left unsaid? */
static int generated(writer *w, const tide_table *t, const char *name, char *const *cols, int n,
                     const char *suffix)
{
    tide_buf_reset(&w->name);
    if (tide_model_generated_name(t->name, cols, n, suffix, &w->name) < 0) {
        w->rc = TIDE_ENOMEM;
        return 1;
    }
    return !name || (w->name.data && !strcmp(name, w->name.data));   /* NULL: finish names it */
}

/* The primary key goes on its column (:primary()) when it has one column
 * and the generated name. */
static int inline_pk(writer *w, const tide_table *t)
{
    return t->npk == 1 && !t->pk_options && !t->pk_comment && !t->npk_include && generated(w, t, t->pk_name, NULL, 0, "pkey") &&
           tide_table_find_column(t, t->pk[0]) != NULL;     /* not an inherited column */
}

/* , deferrable = true, initiallyDeferred = true, nullsNotDistinct = true,
 * notValid = true, noInherit = true: a constraint's options (TIDE_CON_*),
 * deferrable said only when not initially deferred (which implies it). */
static void con_options(writer *w, tide_buf *b, unsigned options)
{
    int i;
    if (options & TIDE_CON_INITIALLY_DEFERRED)
        options &= ~(unsigned)TIDE_CON_DEFERRABLE;
    for (i = 0; i < TIDE_CON_NOPTIONS; i++)
        if (options & (1u << i))
            putf(w, b, ", %s = true", tide_con_option_words[i]);
}

/* onConflict = "replace" after sep: a key's or a NOT NULL's ON CONFLICT
 * resolution (SQLite), when it has one. */
static void on_conflict(writer *w, tide_buf *b, const char *sep, const char *word)
{
    if (word)
        putf(w, b, "%sonConflict = \"%s\"", sep, word);
}

/* The unique constraint a column says with :unique(): of that column
 * alone, the one with the generated name if any, else the first. */
static const tide_unique *column_unique(writer *w, const tide_table *t, const char *column)
{
    const tide_unique *first = NULL;
    int i;
    for (i = 0; i < t->nuniques; i++) {
        const tide_unique *u = &t->uniques[i];
        if (u->ncolumns != 1 || strcmp(u->columns[0], column) || u->options || u->comment || u->ninclude)
            continue;
        if (generated(w, t, u->name, u->columns, 1, "key"))
            return u;
        if (!first)
            first = u;
    }
    return first;
}

/* SQLite numbers unique constraints by the order declared: the ones the
 * columns say with :unique() come first, in column order; a table whose
 * order differs (SQLite: declared types) says them all with t.unique, in
 * its order. */
static int uniques_keep_order(writer *w, const tide_table *t)
{
    int i, k = 0;
    if (!w->s->declared_types)
        return 1;
    for (i = 0; i < t->ncolumns; i++) {
        const tide_unique *u = column_unique(w, t, t->columns[i].name);
        if (u && u != tide_table_declared_unique(t, k++))
            return 0;
    }
    return 1;
}

/* The unique constraint column says with :unique(), or NULL. */
static const tide_unique *unique_of(writer *w, const tide_table *t, const char *column)
{
    return uniques_keep_order(w, t) ? column_unique(w, t, column) : NULL;
}

/* The foreign key a column could say with :references(): of that column
 * alone, the one with the generated name if any, else the first. None when
 * the column is not the table's own (a child table's key on a column it
 * inherits is a t.foreign). */
static const tide_fk *column_fk(writer *w, const tide_table *t, const char *column)
{
    const tide_fk *first = NULL;
    int i;
    for (i = 0; i < t->ncolumns && strcmp(t->columns[i].name, column); i++)
        ;
    if (i == t->ncolumns)
        return NULL;
    for (i = 0; i < t->nfks; i++) {
        const tide_fk *fk = &t->fks[i];
        if (fk->ncolumns != 1 || strcmp(fk->columns[0], column) || fk->options || fk->comment)
            continue;
        if (generated(w, t, fk->name, fk->columns, 1, "fkey"))
            return fk;
        if (!first)
            first = fk;
    }
    return first;
}

/* Whether the definitions keep t's foreign keys in the order declared when
 * columns say theirs: the definitions declare those first, in column order,
 * then the t.foreign ones. Where the database numbers them by that order
 * (SQLite: declared types), a table whose order differs says them all with
 * t.foreign, in its order. */
static int columns_keep_order(writer *w, const tide_table *t)
{
    int i, k = 0;
    if (!w->s->declared_types)
        return 1;
    if (w->kept_for == t)           /* asked once per column: answered once per table */
        return w->kept;
    w->kept_for = t;
    w->kept = 1;
    for (i = 0; i < t->ncolumns && w->kept; i++) {
        const tide_fk *fk = column_fk(w, t, t->columns[i].name);
        if (fk && fk != tide_table_declared_fk(t, k++))
            w->kept = 0;
    }
    return w->kept;
}

/* The foreign key column says with :references(), or NULL. */
static const tide_fk *fk_of(writer *w, const tide_table *t, const char *column)
{
    return columns_keep_order(w, t) ? column_fk(w, t, column) : NULL;
}

static const tide_enum *enum_of(const tide_schema *s, const char *type)
{
    const char *dot = strchr(type, '.');
    char schema[128];
    snprintf(schema, sizeof schema, "%.*s", dot ? (int)(dot - type) : 0, type);
    return tide_schema_find_enum(s, dot ? schema : NULL, dot ? dot + 1 : type);
}

/* ---- columns --------------------------------------------------------------- */

static int is_simple(const char *type)
{
    int i;
    for (i = 0; simple_types[i]; i++)
        if (!strcmp(type, simple_types[i]))
            return 1;
    return 0;
}

/* :serial() and its kin for an autoincrement integer column, else NULL. */
static const char *serial_method(const tide_column *c)
{
    if (!c->autoincrement || c->identity)
        return NULL;
    return !strcmp(c->type, "integer") ? ":serial()" : !strcmp(c->type, "bigint") ? ":bigserial()"
         : !strcmp(c->type, "smallint") ? ":smallserial()" : NULL;
}

/* :numeric(p, s), :varchar(n), :char(n) for a type spelled exactly as the
 * DSL spells it, with arguments the DSL accepts; 0 when it is not one. */
static int sized_type(writer *w, tide_buf *b, const char *type)
{
    char again[64];
    int p, s;
    if (sscanf(type, "numeric(%d,%d)", &p, &s) == 2 && p >= 1 && p <= 1000 && s >= 0 && s <= p) {
        snprintf(again, sizeof again, "numeric(%d,%d)", p, s);
        if (!strcmp(again, type)) {
            putf(w, b, ":numeric(%d, %d)", p, s);
            return 1;
        }
    }
    if (sscanf(type, "varchar(%d)", &p) == 1 && p >= 1 && p <= 10485760) {
        snprintf(again, sizeof again, "varchar(%d)", p);
        if (!strcmp(again, type)) {
            putf(w, b, ":varchar(%d)", p);
            return 1;
        }
    }
    if (sscanf(type, "char(%d)", &p) == 1 && p >= 1 && p <= 10485760) {
        snprintf(again, sizeof again, "char(%d)", p);
        if (!strcmp(again, type)) {
            putf(w, b, ":char(%d)", p);
            return 1;
        }
    }
    return 0;
}

/* What follows an enum's name in :enum( and t.enum(: ", { values }", its
 * comment if it has one, and the closing parenthesis. */
static void enum_rest(writer *w, tide_buf *b, const tide_enum *e)
{
    put(w, b, ", ");
    str_list(w, b, e->values, e->nvalues);
    if (e->comment) {
        put(w, b, ", { comment = ");
        quote(w, b, e->comment);
        put(w, b, " }");
    }
    put(w, b, ")");
}

/* :enum(name, { values }) the first time the enum is used, :type "name" after. */
static void enum_type(writer *w, tide_buf *b, const tide_enum *e, const char *type)
{
    size_t i = (size_t)(e - w->s->enums);
    if (w->declared[i]) {
        put(w, b, ":type ");
        quote(w, b, type);
        return;
    }
    w->declared[i] = 1;
    put(w, b, ":enum(");
    quote(w, b, type);
    enum_rest(w, b, e);
}

/* The column's type method. Anything without a method of its own is
 * :type "sql", which the model reads back into the same canonical type. */
static void type_call(writer *w, tide_buf *b, const tide_table *t, const tide_column *c)
{
    const char *ty = c->type;
    size_t len = strlen(ty);
    const tide_enum *e;
    if (serial_method(c)) {
        put(w, b, serial_method(c));
        return;
    }
    if (c->autoincrement && !c->identity)
        note(w, "table %s, column %s: autoincrement on a %s column (the DSL has :serial(), "
             ":bigserial() and :smallserial() only)", t->name, c->name, ty);
    if (c->is_enum && (e = enum_of(w->s, ty))) {
        enum_type(w, b, e, ty);
    } else if (c->declared && strcmp(c->declared, ty)) {
        put(w, b, ":type ");            /* kept as the database declares it: "INT", "" */
        quote(w, b, c->declared);
    } else if (is_simple(ty)) {
        putf(w, b, ":%s()", ty);
    } else if (!strcmp(ty, "numeric") || !strcmp(ty, "varchar")) {
        putf(w, b, ":%s()", ty);
    } else if (sized_type(w, b, ty)) {
        ;
    } else if (len > 2 && !strcmp(ty + len - 2, "[]") && strncmp(ty, "serial", 6) &&
               strncmp(ty, "bigserial", 9) && strncmp(ty, "smallserial", 11)) {
        tide_buf elem = TIDE_BUF_INIT;
        if (tide_buf_add(&elem, ty, len - 2) < 0)
            w->rc = TIDE_ENOMEM;
        else {
            put(w, b, ":array ");
            quote(w, b, elem.data);
        }
        tide_buf_free(&elem);
    } else {
        put(w, b, ":type ");
        quote(w, b, ty);
    }
}

/* Onto b: the options of a foreign key, ", key = value" each. */
static void fk_options(writer *w, tide_buf *b, const tide_table *t, const tide_fk *fk)
{
    if (fk->on_delete) {
        put(w, b, ", onDelete = ");
        quote(w, b, fk->on_delete);
    }
    if (fk->on_update) {
        put(w, b, ", onUpdate = ");
        quote(w, b, fk->on_update);
    }
    if (!generated(w, t, fk->name, fk->columns, fk->ncolumns, "fkey")) {
        put(w, b, ", name = ");
        quote(w, b, fk->name);
    }
    if (fk->deferrable)
        put(w, b, ", deferrable = true");
    if (fk->initially_deferred)
        put(w, b, ", initiallyDeferred = true");
}

/* :references("table", "column", { options }) */
static void references(writer *w, tide_buf *b, const tide_table *t, const tide_fk *fk)
{
    tide_buf opts = TIDE_BUF_INIT;
    put(w, b, " :references(");
    qualified(w, b, fk->ref_schema, fk->ref_table);
    if (fk->nref_columns == 1 && !fk->ref_key) {   /* none: the referenced key */
        put(w, b, ", ");
        quote(w, b, fk->ref_columns[0]);
    }
    fk_options(w, &opts, t, fk);
    if (opts.len)
        putf(w, b, ", {%s }", opts.data + 1);     /* ", onDelete = ..." -> "{ onDelete = ... }" */
    put(w, b, ")");
    tide_buf_free(&opts);
}

static void ignore_changes(writer *w, tide_buf *b, unsigned ignore)
{
    static const struct { unsigned bit; const char *word; } words[] = {
        { TIDE_IGNORE_TYPE, "type" }, { TIDE_IGNORE_DEFAULT, "default" }, { TIDE_IGNORE_EXTRA, "extra" }
    };
    size_t i;
    int n = 0;
    if (!ignore)
        return;
    put(w, b, " :ignoreChanges { ");
    for (i = 0; i < sizeof words / sizeof *words; i++)
        if (ignore & words[i].bit)
            putf(w, b, "%s\"%s\"", n++ ? ", " : "", words[i].word);
    put(w, b, " }");
}


static int in_key(const tide_table *t, const char *column)
{
    int i;
    for (i = 0; i < t->npk; i++)
        if (!strcmp(t->pk[i], column))
            return 1;
    return 0;
}

/* :generated "expr" (VIRTUAL) or :generated("expr", { stored = true }). */
static void generated_call(writer *w, tide_buf *b, const tide_table *t, const tide_column *c)
{
    if (!c->generated)
        return;
    if (c->default_expr || c->autoincrement || in_key(t, c->name)) {
        note(w, "table %s, column %s: generated as %s, and %s (the DSL refuses both)", t->name,
             c->name, c->generated, c->default_expr ? "a default" : c->autoincrement
             ? "autoincrement" : "in the primary key");
        return;
    }
    if (c->generated_stored) {
        put(w, b, " :generated(");
        quote(w, b, c->generated);
        put(w, b, ", { stored = true })");
    } else {
        put(w, b, " :generated ");
        quote(w, b, c->generated);
    }
}

/* :identity() (by default) or :identity "always", and :sequence "options"
 * of a serial or identity column. */
static void identity_call(writer *w, tide_buf *b, const tide_column *c)
{
    if (c->identity)
        put(w, b, strcmp(c->identity, "always") ? " :identity()" : " :identity \"always\"");
    if (c->sequence && c->autoincrement) {
        put(w, b, " :sequence ");
        quote(w, b, c->sequence);
    }
    if (c->sequence_comment && c->autoincrement) {
        put(w, b, " :sequenceComment ");
        quote(w, b, c->sequence_comment);
    }
    if (c->statistics && *c->statistics && strspn(c->statistics, "0123456789") == strlen(c->statistics) &&
        strlen(c->statistics) < 6)
        putf(w, b, " :statistics(%s)", c->statistics);
    else if (c->statistics)
        note(w, "column %s: statistics '%s' is not a whole number", c->name, c->statistics);
    if (c->storage) {
        put(w, b, " :storage ");
        quote(w, b, c->storage);
    }
    if (c->compression) {
        put(w, b, " :compression ");
        quote(w, b, c->compression);
    }
    if (c->attoptions) {
        put(w, b, " :attributeOptions ");
        quote(w, b, c->attoptions);
    }
}

/* The modifiers of a column, each with a space before it. */
static void modifiers(writer *w, tide_buf *b, const tide_table *t, const tide_column *c)
{
    const tide_unique *u = unique_of(w, t, c->name);
    const tide_fk *fk = fk_of(w, t, c->name);
    if (c->nullable)                     /* a key column too: SQLite's rowid tables allow it */
        put(w, b, " :nullable()");
    if (c->not_null_conflict) {
        put(w, b, " :notNull { ");
        on_conflict(w, b, "", c->not_null_conflict);
        put(w, b, " }");
    } else if (c->not_null_said > 0) {
        put(w, b, " :notNull()");
    }
    if (c->default_expr && serial_method(c))
        note(w, "table %s, column %s: the default %s of a serial column", t->name, c->name,
             c->default_expr);
    else if (c->default_expr) {
        put(w, b, " :default ");
        quote(w, b, c->default_text ? c->default_text : c->default_expr);   /* as written */
    }
    generated_call(w, b, t, c);
    identity_call(w, b, c);
    if (inline_pk(w, t) && !strcmp(t->pk[0], c->name) && (t->pk_conflict || t->npk_desc)) {
        put(w, b, " :primary { ");
        on_conflict(w, b, "", t->pk_conflict);
        put(w, b, t->npk_desc ? (t->pk_conflict ? ", desc = true" : "desc = true") : "");
        put(w, b, " }");
    } else if (inline_pk(w, t) && !strcmp(t->pk[0], c->name)) {
        put(w, b, " :primary()");
    }
    if (u && u->on_conflict) {           /* :unique { [name = "n", ]onConflict = "ignore" } */
        put(w, b, " :unique { ");
        if (!generated(w, t, u->name, u->columns, 1, "key")) {
            put(w, b, "name = ");
            quote(w, b, u->name);
            put(w, b, ", ");
        }
        on_conflict(w, b, "", u->on_conflict);
        put(w, b, " }");
    } else if (u && generated(w, t, u->name, u->columns, 1, "key")) {
        put(w, b, " :unique()");
    } else if (u) {
        put(w, b, " :unique ");
        quote(w, b, u->name);
    }
    if (fk)
        references(w, b, t, fk);
    if (c->collation) {
        put(w, b, " :collate ");
        quote(w, b, c->collation);
    }
    if (c->comment) {
        put(w, b, " :comment ");
        quote(w, b, c->comment);
    }
    if (c->renamed_from) {
        put(w, b, " :renamedFrom ");
        quote(w, b, c->renamed_from);
    }
    ignore_changes(w, b, c->ignore);
}

/* The three parts of column c's line into w->head, w->type, w->mods. */
static void column_parts(writer *w, const tide_table *t, const tide_column *c)
{
    tide_buf_reset(&w->head);
    tide_buf_reset(&w->type);
    tide_buf_reset(&w->mods);
    put(w, &w->head, "t.col ");
    quote(w, &w->head, c->name);
    type_call(w, &w->type, t, c);
    modifiers(w, &w->mods, t, c);
}

/* Spaces up to width after n bytes (at least one). */
static void pad(writer *w, tide_buf *b, size_t n, size_t width)
{
    static const char spaces[] = "                                        ";
    size_t k = width > n ? width - n : 0;
    if (k >= sizeof spaces)
        k = sizeof spaces - 1;
    put(w, b, " ");
    put(w, b, spaces + sizeof spaces - 1 - k);
}

enum { TYPE_ALIGN_MAX = 28 };   /* longer types (an enum's values) do not set the column */

/* The columns, their names and types aligned as in SPEC section 6. The
 * widths are measured with the real text, the enums' declarations put
 * back as they were before the measuring. */
static void columns(writer *w, tide_buf *b, const tide_table *t, const char *indent)
{
    size_t head = 0, type = 0, n = (size_t)w->s->nenums;
    unsigned char *saved = n ? malloc(n) : NULL;
    tide_buf notes = w->notes;
    int i;
    if (n && !saved) {
        w->rc = TIDE_ENOMEM;
        return;
    }
    if (n)
        memcpy(saved, w->declared, n);
    for (i = 0; i < t->ncolumns && !w->rc; i++) {
        column_parts(w, t, &t->columns[i]);
        if (w->head.len > head)
            head = w->head.len;
        if (w->type.len > type && w->type.len <= TYPE_ALIGN_MAX)
            type = w->type.len;
    }
    if (n)
        memcpy(w->declared, saved, n);
    free(saved);
    if (w->notes.len > notes.len)          /* measured twice: noted once */
        w->notes.data[w->notes.len = notes.len] = '\0';
    for (i = 0; i < t->ncolumns; i++) {
        column_parts(w, t, &t->columns[i]);
        putf(w, b, "%s  %s", indent, w->head.data ? w->head.data : "");
        pad(w, b, w->head.len, head);
        put(w, b, w->type.data ? w->type.data : "");
        if (w->mods.len) {
            if (w->type.len < type)
                pad(w, b, w->type.len + 1, type);
            put(w, b, w->mods.data);
        }
        put(w, b, ",\n");
    }
}

/* ---- table items ------------------------------------------------------------ */

/* , comment = "..." of a constraint (COMMENT ON CONSTRAINT), when it has one. */
static void item_comment(writer *w, tide_buf *b, const char *comment)
{
    if (comment) {
        put(w, b, ", comment = ");
        quote(w, b, comment);
    }
}

static void primary(writer *w, tide_buf *b, const tide_table *t, const char *indent)
{
    int i;
    if (t->npk == 0 || inline_pk(w, t))
        return;
    putf(w, b, "%s  t.primary { ", indent);
    for (i = 0; i < t->npk; i++) {      /* "b desc": as t.index writes a column's order */
        tide_buf e = TIDE_BUF_INIT;
        if (tide_buf_printf(&e, "%s%s", t->pk[i], tide_table_pk_desc(t, t->pk[i]) ? " desc" : "") < 0)
            w->rc = TIDE_ENOMEM;
        put(w, b, i ? ", " : "");
        quote(w, b, e.data ? e.data : "");
        tide_buf_free(&e);
    }
    if (!generated(w, t, t->pk_name, NULL, 0, "pkey")) {
        put(w, b, ", name = ");
        quote(w, b, t->pk_name);
    }
    if (t->npk_include) {
        put(w, b, ", include = ");
        str_list(w, b, t->pk_include, t->npk_include);
    }
    con_options(w, b, t->pk_options);
    on_conflict(w, b, ", ", t->pk_conflict);
    item_comment(w, b, t->pk_comment);
    put(w, b, " },\n");
}

/* The unique constraints no column says with :unique(). */
static void uniques(writer *w, tide_buf *b, const tide_table *t, const char *indent)
{
    int i;
    for (i = 0; i < t->nuniques; i++) {
        const tide_unique *u = tide_table_declared_unique(t, i);
        if (u->ncolumns == 1 && unique_of(w, t, u->columns[0]) == u)
            continue;
        putf(w, b, "%s  t.unique { ", indent);
        entries(w, b, u->columns, u->ncolumns);
        if (!generated(w, t, u->name, u->columns, u->ncolumns, "key")) {
            put(w, b, ", name = ");
            quote(w, b, u->name);
        }
        if (u->ninclude) {
            put(w, b, ", include = ");
            str_list(w, b, u->include, u->ninclude);
        }
        con_options(w, b, u->options);
        on_conflict(w, b, ", ", u->on_conflict);
        item_comment(w, b, u->comment);
        put(w, b, " },\n");
    }
}

/* t.index reads an entry as "column [desc] [nulls first|last]", the column
 * without white space; an index on another column is written as the plain
 * definition t.index would make. */
static int plain_index(const tide_index *ix)
{
    int i;
    for (i = 0; i < ix->ncolumns; i++)
        if (strcspn(ix->columns[i], " \t\r\n\f\v") < tide_model_index_col_len(ix->columns[i]))
            return 1;
    return 0;
}

static void index_item(writer *w, tide_buf *b, const tide_table *t, const tide_index *ix, const char *indent)
{
    int plain = plain_index(ix);
    putf(w, b, "%s  %s", indent, plain ? "{ __tide = \"index\", columns = { " : "t.index { ");
    entries(w, b, ix->columns, ix->ncolumns);
    if (plain)
        put(w, b, " }");
    if (ix->expression) {
        put(w, b, ix->ncolumns || plain ? ", expression = " : "expression = ");
        quote(w, b, ix->expression);
    }
    if (!generated(w, t, ix->name, ix->columns, ix->ncolumns, "idx")) {
        put(w, b, ", name = ");
        quote(w, b, ix->name);
    }
    if (ix->unique)
        put(w, b, ", unique = true");
    if (ix->nulls_not_distinct)
        put(w, b, ", nullsNotDistinct = true");
    if (ix->where) {
        put(w, b, ", where = ");
        quote(w, b, ix->where);
    }
    if (ix->method) {
        put(w, b, ", using = ");
        quote(w, b, ix->method);
    }
    if (ix->comment) {
        put(w, b, ", comment = ");
        quote(w, b, ix->comment);
    }
    if (ix->ninclude) {
        put(w, b, ", include = ");
        str_list(w, b, ix->include, ix->ninclude);
    }
    if (ix->with) {
        put(w, b, ", with = ");
        quote(w, b, ix->with);
    }
    put(w, b, " },\n");
}

/* The foreign keys no column says with :references(). */
static void foreigns(writer *w, tide_buf *b, const tide_table *t, const char *indent)
{
    int i;
    for (i = 0; i < t->nfks; i++) {      /* in the order declared */
        const tide_fk *fk = tide_table_declared_fk(t, i);
        if (fk->ncolumns == 1 && fk_of(w, t, fk->columns[0]) == fk)
            continue;
        putf(w, b, "%s  t.foreign { ", indent);
        entries(w, b, fk->columns, fk->ncolumns);
        put(w, b, ", table = ");
        qualified(w, b, fk->ref_schema, fk->ref_table);
        if (fk->nref_columns && !fk->ref_key) {
            put(w, b, ", columns = ");
            str_list(w, b, fk->ref_columns, fk->nref_columns);
        }
        fk_options(w, b, t, fk);
        con_options(w, b, fk->options);
        item_comment(w, b, fk->comment);
        put(w, b, " },\n");
    }
}

static void checks(writer *w, tide_buf *b, const tide_table *t, const char *indent)
{
    int i;
    for (i = 0; i < t->nchecks; i++) {
        putf(w, b, "%s  t.check(", indent);
        quote(w, b, t->checks[i].name);
        put(w, b, ", ");
        quote(w, b, t->checks[i].expr);
        if (t->checks[i].options || t->checks[i].comment) {
            tide_buf opts = TIDE_BUF_INIT;
            con_options(w, &opts, t->checks[i].options);
            item_comment(w, &opts, t->checks[i].comment);
            putf(w, b, ", { %s }", opts.data ? opts.data + 2 : "");
            tide_buf_free(&opts);
        }
        put(w, b, "),\n");
    }
}

/* ---- objects ------------------------------------------------------------------ */

/* The DSL word of each kind (lua/tide/schema.lua's KINDS): a kind without
 * one is written as the plain definition t.<word> would make. */
static const char *const dsl_words[TIDE_NOBJECT_KINDS] = {
    [TIDE_OBJ_EXTENSION] = "extension", [TIDE_OBJ_COLLATION] = "collation", [TIDE_OBJ_DOMAIN] = "domain", [TIDE_OBJ_COMPOSITE] = "compositeType", [TIDE_OBJ_RANGE] = "rangeType",
    [TIDE_OBJ_SEQUENCE] = "sequence", [TIDE_OBJ_FUNCTION] = "func", [TIDE_OBJ_AGGREGATE] = "aggregate",
    [TIDE_OBJ_OPERATOR] = "operator", [TIDE_OBJ_OPFAMILY] = "operatorFamily", [TIDE_OBJ_OPCLASS] = "operatorClass", [TIDE_OBJ_CAST] = "cast",
    [TIDE_OBJ_VIRTUAL_TABLE] = "virtualTable", [TIDE_OBJ_PARTITION] = "partition",
    [TIDE_OBJ_PARTITION_INDEX] = "partitionIndex", [TIDE_OBJ_PARTITION_CONSTRAINT] = "partitionConstraint", [TIDE_OBJ_ATTACHED_INDEX] = "attachedIndex",
    [TIDE_OBJ_VIEW] = "view",
    [TIDE_OBJ_MATVIEW] = "materializedView", [TIDE_OBJ_MATVIEW_INDEX] = "materializedViewIndex", [TIDE_OBJ_TRIGGER] = "trigger", [TIDE_OBJ_RULE] = "rule",
    [TIDE_OBJ_POLICY] = "policy", [TIDE_OBJ_STATISTICS] = "statistics", [TIDE_OBJ_EXCLUSION] = "exclusion", [TIDE_OBJ_SEQUENCE_OWNER] = "sequenceOwner",
    [TIDE_OBJ_PUBLICATION] = "publication",
    [TIDE_OBJ_FOREIGN_WRAPPER] = "foreignDataWrapper", [TIDE_OBJ_FOREIGN_SERVER] = "foreignServer", [TIDE_OBJ_FOREIGN_TABLE] = "foreignTable",
    [TIDE_OBJ_TS_DICTIONARY] = "textSearchDictionary", [TIDE_OBJ_TS_CONFIGURATION] = "textSearchConfiguration", [TIDE_OBJ_EVENT_TRIGGER] = "eventTrigger",
};

static int dotted(const char *name)
{
    return name && strchr(name, '.') != NULL;
}

/* An object's name: a function's arguments, "f(s.t)", may hold dots. */
static int dotted_object(const char *name)
{
    return name && memchr(name, '.', strcspn(name, "(")) != NULL;
}

/* Whether object o can be said: a dot in its table's name reads as a
 * schema (its own name and schema are said apart, below). */
static int sayable(writer *w, const tide_object *o)
{
    if (dotted(o->table)) {
        note(w, "%s %s%s%s: a dot in a name (the DSL reads \"a.b\" as namespace a, %s b)",
             tide_object_kinds[o->kind].name, o->schema ? o->schema : "", o->schema ? "." : "",
             o->name, tide_object_kinds[o->kind].name);
        return 0;
    }
    return 1;
}

/* lead, then [column] = value of each (column, value) pair of v, then " }":
 * an object's columnComments or columnDefaults. */
static void column_map(writer *w, tide_buf *b, const char *lead, char *const *v, int n)
{
    int i;
    put(w, b, lead);
    for (i = 0; i + 1 < n; i += 2) {
        put(w, b, i ? ", [" : " [");
        quote(w, b, v[i]);
        put(w, b, "] = ");
        quote(w, b, v[i + 1]);
    }
    put(w, b, " }");
}

/* t.view "name" [[sql]], or t.trigger "name" { table = "t", comment = "...",
 * renamedFrom = "old", sql = [[...]] } when it has more than its text; the
 * plain table { __tide = "object", kind =, name =, schema = } of a kind
 * without a word, or of a name the word's "a.b" would misread (a domain
 * "application/vnd.api+json"). */
static void object(writer *w, tide_buf *b, const tide_object *o, const char *indent)
{
    const char *word = dotted_object(o->name) || dotted(o->schema) ? NULL : dsl_words[o->kind];
    int plain = !word, options = o->table || o->comment || o->renamed_from || o->with || o->enabled ||
                                 o->replica_identity || o->ncolumn_comments || o->ncolumn_defaults ||
                                 o->row_security || o->force_row_security || plain;
    if (!sayable(w, o))
        return;
    if (plain) {
        putf(w, b, "%s{ __tide = \"object\", kind = ", indent);
        quote(w, b, tide_object_kinds[o->kind].name);
        put(w, b, ", name = ");
        quote(w, b, o->name);
        if (o->schema) {
            put(w, b, ", schema = ");
            quote(w, b, o->schema);
        }
    } else {
        putf(w, b, "%st.%s ", indent, word);
        /* a partition in the default namespace apart from its table says it:
         * a bare name would be read as in its table's */
        qualified(w, b, o->schema ? o->schema : o->table_schema ? "public" : NULL, o->name);
        put(w, b, options ? " {" : " ");
    }
    if (o->table && plain && o->table_schema) {    /* a partition apart from its table */
        put(w, b, ", tableSchema = ");
        quote(w, b, o->table_schema);
    }
    if (o->table) {
        put(w, b, plain ? ", table = " : " table = ");
        if (!plain && o->table_schema) {
            tide_buf q = TIDE_BUF_INIT;      /* "schema.table": the table's namespace */
            if (tide_buf_printf(&q, "%s.%s", o->table_schema, o->table) < 0)
                w->rc = TIDE_ENOMEM;
            quote(w, b, q.data ? q.data : "");
            tide_buf_free(&q);
        } else {
            quote(w, b, o->table);
        }
    }
    if (o->comment) {
        put(w, b, plain || o->table ? ", comment = " : " comment = ");
        quote(w, b, o->comment);
    }
    if (o->renamed_from) {
        put(w, b, plain || o->table || o->comment ? ", renamedFrom = " : " renamedFrom = ");
        quote(w, b, o->renamed_from);
    }
    if (o->with) {
        put(w, b, plain || o->table || o->comment || o->renamed_from ? ", with = " : " with = ");
        quote(w, b, o->with);
    }
    if (o->enabled) {
        put(w, b, plain || o->table || o->comment || o->renamed_from || o->with ? ", enabled = " : " enabled = ");
        if (!strcmp(o->enabled, "disabled"))
            put(w, b, "false");
        else
            quote(w, b, o->enabled);
    }
    if (o->replica_identity) {               /* a partition's REPLICA IDENTITY */
        put(w, b, plain || o->table || o->comment || o->renamed_from || o->with || o->enabled
                  ? ", replicaIdentity = " : " replicaIdentity = ");
        quote(w, b, o->replica_identity);
    }
    if (o->row_security || o->force_row_security)   /* a partition's: table = said before */
        putf(w, b, "%s%s", o->row_security ? ", rowLevelSecurity = true" : "",
             o->force_row_security ? ", forceRowLevelSecurity = true" : "");
    if (o->ncolumn_comments)                 /* columnComments = { ["id"] = "the key" } */
        column_map(w, b, plain || o->table || o->comment || o->renamed_from || o->with || o->enabled ||
                         o->replica_identity ? ", columnComments = {" : " columnComments = {",
                   o->column_comments, o->ncolumn_comments);
    if (o->ncolumn_defaults)                 /* columnDefaults = { ["id"] = "0" } */
        column_map(w, b, plain || o->table || o->comment || o->renamed_from || o->with || o->enabled ||
                         o->replica_identity || o->ncolumn_comments ? ", columnDefaults = {" : " columnDefaults = {",
                   o->column_defaults, o->ncolumn_defaults);
    if (options)
        put(w, b, plain || o->table || o->comment || o->renamed_from || o->with || o->enabled ||
                  o->replica_identity || o->ncolumn_comments || o->ncolumn_defaults ? ", sql = " : " sql = ");
    long_string(w, b, o->definition ? o->definition : "");
    if (options)
        put(w, b, " }");
}

/* ---- tables ------------------------------------------------------------------- */

/* :strict() :withoutRowid() :unlogged() :rowLevelSecurity() ... */
static void table_options(writer *w, tide_buf *b, const tide_table *t)
{
    if (t->options & TIDE_TABLE_STRICT)
        put(w, b, " :strict()");
    if ((t->options & TIDE_TABLE_WITHOUT_ROWID) && t->npk)
        put(w, b, " :withoutRowid()");
    else if (t->options & TIDE_TABLE_WITHOUT_ROWID)
        note(w, "table %s: WITHOUT ROWID, with no primary key (the DSL needs one)", t->name);
    if (t->options & TIDE_TABLE_UNLOGGED)
        put(w, b, " :unlogged()");
    if (t->options & TIDE_TABLE_ROW_SECURITY)
        put(w, b, " :rowLevelSecurity()");
    if (t->options & TIDE_TABLE_FORCE_ROW_SECURITY)
        put(w, b, " :forceRowLevelSecurity()");
    if (t->partition_by) {
        put(w, b, " :partitionBy ");
        quote(w, b, t->partition_by);
    }
    if (t->cluster_on) {
        put(w, b, " :clusterOn ");
        quote(w, b, t->cluster_on);
    }
    if (t->replica_identity) {
        put(w, b, " :replicaIdentity ");
        quote(w, b, t->replica_identity);
    }
    if (t->with) {
        put(w, b, " :with ");
        quote(w, b, t->with);
    }
    if (t->ninherits) {
        int i;
        put(w, b, " :inherits { ");
        for (i = 0; i < t->ninherits; i++) {
            put(w, b, i ? ", " : "");
            quote(w, b, t->inherits[i]);
        }
        put(w, b, " }");
    }
}

/* t.table "name" :comment "..." { items } (none: PostgreSQL's table
 * without columns). */
static void table(writer *w, tide_buf *b, const tide_table *t, const char *indent)
{
    int i;
    if (strchr(t->name, '.') || (t->schema && strchr(t->schema, '.'))) {
        note(w, "table %s%s%s: a dot in a name (the DSL reads \"a.b\" as namespace a, table b)",
             t->schema ? t->schema : "", t->schema ? "." : "", t->name);
        return;
    }
    putf(w, b, "%st.table ", indent);
    qualified(w, b, t->schema, t->name);
    if (t->comment) {
        put(w, b, " :comment ");
        quote(w, b, t->comment);
    }
    if (t->renamed_from) {
        put(w, b, " :renamedFrom ");
        quote(w, b, t->renamed_from);
    }
    table_options(w, b, t);
    put(w, b, " {\n");
    columns(w, b, t, indent);
    primary(w, b, t, indent);
    uniques(w, b, t, indent);
    for (i = 0; i < t->nindexes; i++)
        index_item(w, b, t, &t->indexes[i], indent);
    foreigns(w, b, t, indent);
    checks(w, b, t, indent);
    putf(w, b, "%s}", indent);
}

static const char header[] =
    "-- Schema definitions written by tide (schema:inspect --format lua); they\n"
    "-- are ordinary definitions, to edit like any other.\n";

static int start(writer *w, const tide_schema *s, tide_err *err)
{
    memset(w, 0, sizeof *w);
    w->s = s;
    if (s->nenums && !(w->declared = calloc((size_t)s->nenums, 1)))
        return tide_err_set(err, TIDE_ENOMEM, "out of memory writing the schema definitions");
    return 0;
}

/* Appends the header, the notes and body to out, and releases w. */
static int end(writer *w, tide_buf *out, const tide_buf *body, tide_err *err)
{
    size_t len0 = out->len;
    put(w, out, header);
    if (w->notes.len) {
        put(w, out, "--\n-- Not said here, as the DSL cannot say it:\n");
        put(w, out, w->notes.data);
    }
    put(w, out, "\nlocal t = require \"tide.schema\"\n\n");
    put(w, out, body->data ? body->data : "");
    free(w->declared);
    tide_buf_free(&w->notes);
    tide_buf_free(&w->name);
    tide_buf_free(&w->head);
    tide_buf_free(&w->type);
    tide_buf_free(&w->mods);
    if (!w->rc)
        return 0;
    out->len = len0;
    if (out->data)
        out->data[len0] = '\0';
    return tide_err_set(err, TIDE_ENOMEM, "out of memory writing the schema definitions");
}

/* Appends item (written by the caller into body since len) as an entry of
 * the returned list: a blank line between entries, nothing when the item
 * wrote nothing (left out). */
static void entry(writer *w, tide_buf *body, size_t len, int *n)
{
    if (body->len > len + (*n ? 1 : 0)) {
        put(w, body, ",\n");
        (*n)++;
    } else if (!w->rc) {
        body->data[body->len = len] = '\0';
    }
}

/* Is o on table t? */
static int on_table(const tide_object *o, const tide_table *t)
{
    const char *ts = tide_object_table_schema(o);
    return o->table && !strcmp(o->table, t->name) && !strcmp(ts ? ts : "", t->schema ? t->schema : "");
}

/* ---- namespaces ------------------------------------------------------------- */

/* t.schema "name" for each namespace that nothing written names (the
 * others come with what is in them), and t.schema "name" { comment = }
 * for each that has a comment, as entries of the returned list. */
static void empty_namespaces(writer *w, tide_buf *body, int *n)
{
    const char *own = tide_schema_namespace_comment(w->s, "public");
    int i;
    if (own) {                              /* the default namespace's own comment */
        size_t len = body->len;
        put(w, body, "  t.schema \"public\" { comment = ");
        quote(w, body, own);
        put(w, body, " }");
        entry(w, body, len, n);
    }
    for (i = 0; i < w->s->nnamespaces; i++) {
        const char *ns = w->s->namespaces[i], *comment = tide_schema_namespace_comment(w->s, ns);
        size_t len = body->len;
        if (tide_schema_uses_namespace(w->s, ns) && !comment)
            continue;
        if (dotted(ns)) {
            note(w, "schema %s: a dot in a name (the DSL reads \"a.b\" as namespace a)", ns);
            continue;
        }
        put(w, body, "  t.schema ");
        quote(w, body, ns);
        if (comment) {
            put(w, body, " { comment = ");
            quote(w, body, comment);
            put(w, body, " }");
        }
        entry(w, body, len, n);
    }
    if (tide_schema_namespace_comment(w->s, "public")) {      /* the default namespace, never listed */
        size_t len = body->len;
        put(w, body, "  t.schema \"public\" { comment = ");
        quote(w, body, tide_schema_namespace_comment(w->s, "public"));
        put(w, body, " }");
        entry(w, body, len, n);
    }
}

/* t.enum("[schema.]name", { values } [, { comment = }]): an enum no column
 * has as its type (made before its column, or an array's elements only). */
static void standalone_enum(writer *w, tide_buf *body, const tide_enum *e, int *n)
{
    size_t len = body->len;
    if (*n)
        put(w, body, "\n");
    put(w, body, "  t.enum(");
    qualified(w, body, e->schema, e->name);
    enum_rest(w, body, e);
    entry(w, body, len, n);
}

/* What the database holds that the model does not carry (introspection's
 * list), one note each. */
static void unmodelled(writer *w)
{
    int i;
    for (i = 0; i < w->s->nunmodelled; i++)
        note(w, "%s (tide does not carry it)", w->s->unmodelled[i]);
}

int tide_schema_render_lua(const tide_schema *s, tide_buf *out, tide_err *err)
{
    writer w;
    tide_buf body = TIDE_BUF_INIT;
    int i, rc, n = 0;
    if ((rc = start(&w, s, err)) < 0)
        return rc;
    put(&w, &body, "return {\n");
    empty_namespaces(&w, &body, &n);
    for (i = 0; i < s->ntables; i++) {
        size_t len = body.len;
        if (n)
            put(&w, &body, "\n");
        table(&w, &body, s->tables[i], "  ");
        entry(&w, &body, len, &n);
    }
    for (i = 0; i < s->nobjects; i++) {
        size_t len = body.len;
        if (n)
            put(&w, &body, "\n");
        object(&w, &body, &s->objects[i], "  ");
        entry(&w, &body, len, &n);
    }
    for (i = 0; i < s->nenums; i++)     /* enums no column declared: t.enum */
        if (!w.declared[i])
            standalone_enum(&w, &body, &s->enums[i], &n);
    put(&w, &body, "}\n");
    unmodelled(&w);
    rc = end(&w, out, &body, err);
    tide_buf_free(&body);
    return rc;
}

int tide_schema_render_lua_table(const tide_schema *s, const tide_table *t, tide_buf *out,
                                 tide_err *err)
{
    writer w;
    tide_buf body = TIDE_BUF_INIT;
    int rc, i, n = 0, nobjects = 0;
    if ((rc = start(&w, s, err)) < 0)
        return rc;
    for (i = 0; i < s->nobjects; i++)
        nobjects += on_table(&s->objects[i], t);
    if (!nobjects) {
        put(&w, &body, "return ");
        table(&w, &body, t, "");
        put(&w, &body, "\n");
    } else {                        /* its triggers and policies beside it */
        put(&w, &body, "return {\n");
        table(&w, &body, t, "  ");
        put(&w, &body, ",\n");
        for (i = 0, n = 1; i < s->nobjects; i++) {
            size_t len = body.len;
            if (!on_table(&s->objects[i], t))
                continue;
            put(&w, &body, "\n");
            object(&w, &body, &s->objects[i], "  ");
            entry(&w, &body, len, &n);
        }
        put(&w, &body, "}\n");
    }
    rc = end(&w, out, &body, err);
    tide_buf_free(&body);
    return rc;
}

int tide_schema_render_lua_objects(const tide_schema *s, tide_buf *out, tide_err *err)
{
    writer w;
    tide_buf body = TIDE_BUF_INIT;
    int rc, i, n = 0;
    if ((rc = start(&w, s, err)) < 0)
        return rc;
    put(&w, &body, "return {\n");
    empty_namespaces(&w, &body, &n);
    for (i = 0; i < s->nobjects; i++) {
        size_t len = body.len;
        const tide_object *o = &s->objects[i];
        if (o->table && tide_schema_find_table(s, tide_object_table_schema(o), o->table))
            continue;                       /* in its table's file */
        if (n)
            put(&w, &body, "\n");
        object(&w, &body, o, "  ");
        entry(&w, &body, len, &n);
    }
    put(&w, &body, "}\n");
    unmodelled(&w);
    rc = end(&w, out, &body, err);
    tide_buf_free(&body);
    return rc;
}
