/* snapshot.c — writing and reading the snapshot (format in snapshot.h).
 *
 * Why no JSON library: the snapshot is read by a small recursive-descent
 * reader that parses straight into the model, with no document tree in
 * between. Jansson (Debian's libjansson) needed about 300 ms just to build
 * its tree for the benchmark schema (10,000 tables x 20 columns, 25 MB)
 * before a single model object existed, and its tree keeps no positions, so
 * a wrong type or an unknown key could not be reported as FILE:LINE:COL.
 * The writer appends to a tide_buf by hand; its output is byte for byte what
 * `jq --indent 2 .` prints.
 */
#include "model/snapshot.h"
#include "core/files.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#define CORRUPT "the snapshot is corrupt; restore it from version control or regenerate it"

/* Byte classes for strings, shared by the writer and the reader: PLAIN bytes
 * are copied as they are; the others end a run of plain bytes. DEL is a
 * CONTROL byte because jq escapes it, and the writer matches jq. */
enum { PLAIN = 0, END, QUOTE, BACKSLASH, CONTROL, UTF8 };

#define E END
#define C CONTROL
#define Q QUOTE
#define B BACKSLASH
#define U UTF8
static const unsigned char byte_class[256] = {
    E, C, C, C, C, C, C, C, C, C, C, C, C, C, C, C,
    C, C, C, C, C, C, C, C, C, C, C, C, C, C, C, C,
    0, 0, Q, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, B, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, C,
    U, U, U, U, U, U, U, U, U, U, U, U, U, U, U, U,
    U, U, U, U, U, U, U, U, U, U, U, U, U, U, U, U,
    U, U, U, U, U, U, U, U, U, U, U, U, U, U, U, U,
    U, U, U, U, U, U, U, U, U, U, U, U, U, U, U, U,
    U, U, U, U, U, U, U, U, U, U, U, U, U, U, U, U,
    U, U, U, U, U, U, U, U, U, U, U, U, U, U, U, U,
    U, U, U, U, U, U, U, U, U, U, U, U, U, U, U, U,
    U, U, U, U, U, U, U, U, U, U, U, U, U, U, U, U,
};
#undef E
#undef C
#undef Q
#undef B
#undef U

/* The length of the valid UTF-8 sequence at p (2 to 4 bytes), or 0 when the
 * bytes at p are not one (overlong forms and surrogates included). */
static size_t utf8_len(const unsigned char *p, const unsigned char *end)
{
    unsigned char lo = 0x80, hi = 0xbf;
    size_t n, i;
    if (p[0] >= 0xc2 && p[0] <= 0xdf)
        n = 2;
    else if (p[0] >= 0xe0 && p[0] <= 0xef)
        n = 3;
    else if (p[0] >= 0xf0 && p[0] <= 0xf4)
        n = 4;
    else
        return 0;
    if (p[0] == 0xe0)
        lo = 0xa0;
    else if (p[0] == 0xed)
        hi = 0x9f;
    else if (p[0] == 0xf0)
        lo = 0x90;
    else if (p[0] == 0xf4)
        hi = 0x8f;
    if ((size_t)(end - p) < n || p[1] < lo || p[1] > hi)
        return 0;
    for (i = 2; i < n; i++)
        if (p[i] < 0x80 || p[i] > 0xbf)
            return 0;
    return n;
}

/* ==== writing ============================================================ */

/* The text being written. Writes after a failure are no-ops, so that the
 * render functions read as the document they produce; rc says what failed. */
typedef struct writer {
    tide_buf *out;
    int depth;
    int count[16];                 /* values written so far at each depth */
    int rc;
    const char *what;              /* "table", "enum": where bad is, for messages */
    const char *schema, *name;
    const char *bad;               /* the string that is not UTF-8 */
    tide_buf tmp;                  /* scratch: an object's default canonical form */
    int declared;                  /* the schema's declared_types: columns say theirs */
    tide_file_out *file;           /* out goes there as it fills (tide_snapshot_write) */
    tide_err *err;
} writer;

/* What out holds before it goes to the file: a large snapshot is not
 * held whole beside the model it is written from. */
#define FLUSH_AT ((size_t)1 << 18)

/* Notes where the writer is, for the message of a failure. */
static void at_object(writer *w, const char *what, const char *schema, const char *name)
{
    if (w->rc)
        return;
    w->what = what;
    w->schema = schema;
    w->name = name;
}

/* Room for n more bytes at the end of out, and where they go; NULL after
 * a failure. A snapshot is a million small pieces: each is copied where
 * it goes, and out is grown (and NUL-terminated) only when full. */
static char *room(writer *w, size_t n)
{
    tide_buf *b = w->out;
    if (b->len + n < b->cap)
        return b->data + b->len;
    if (w->rc || tide_buf_grow(b, n < 4096 ? 4096 : n) < 0) {
        if (!w->rc)
            w->rc = TIDE_ENOMEM;
        return NULL;
    }
    return b->data + b->len;
}

static void put(writer *w, const char *p, size_t n)
{
    char *at = room(w, n);
    if (at) {
        memcpy(at, p, n);
        w->out->len += n;
    }
}

/* Sends what out holds to the file once it is FLUSH_AT or more (called
 * between tables and objects: no check per piece written). */
static void spill(writer *w)
{
    if (!w->rc && w->file && w->out->len >= FLUSH_AT) {
        if (tide_file_out_write(w->file, w->out->data, w->out->len, w->err) < 0)
            w->rc = TIDE_EIO;
        tide_buf_reset(w->out);
    }
}

static const char indent[] = ",\n                                ";

static void newline(writer *w)
{
    put(w, indent + 1, 1 + 2 * (size_t)w->depth);
}

/* Starts a value inside the current list or object. */
static void item(writer *w)
{
    int first = w->count[w->depth]++ == 0;
    put(w, indent + first, 2 - (size_t)first + 2 * (size_t)w->depth);
}

static void enter(writer *w, const char *bracket)
{
    put(w, bracket, 1);
    w->count[++w->depth] = 0;
}

static void leave(writer *w, const char *bracket)
{
    if (w->count[w->depth--])
        newline(w);
    put(w, bracket, 1);
}

/* ,\n  "k": in one piece. */
static void key(writer *w, const char *k)
{
    int first = w->count[w->depth]++ == 0;
    size_t lead = 2 - (size_t)first + 2 * (size_t)w->depth, n = strlen(k);
    char *at = room(w, lead + n + 4);
    if (!at)
        return;
    memcpy(at, indent + first, lead);
    at[lead] = '"';
    memcpy(at + lead + 1, k, n);
    memcpy(at + lead + 1 + n, "\": ", 3);
    w->out->len += lead + n + 4;
}

static void put_escape(writer *w, unsigned char c)
{
    static const char hex[] = "0123456789abcdef";
    char u[6] = { '\\', 'u', '0', '0', hex[c >> 4], hex[c & 15] };
    const char *short_form = NULL;
    switch (c) {
    case '"': short_form = "\\\""; break;
    case '\\': short_form = "\\\\"; break;
    case '\b': short_form = "\\b"; break;
    case '\f': short_form = "\\f"; break;
    case '\n': short_form = "\\n"; break;
    case '\r': short_form = "\\r"; break;
    case '\t': short_form = "\\t"; break;
    }
    if (short_form)
        put(w, short_form, 2);
    else
        put(w, u, 6);
}

static void put_string(writer *w, const char *str)
{
    const unsigned char *p = (const unsigned char *)str, *run = p;
    size_t n;
    char *at;
    while (byte_class[*p] == PLAIN)
        p++;
    if (!*p && (at = room(w, (size_t)(p - run) + 2)) != NULL) {     /* nothing to escape: most strings */
        n = (size_t)(p - run);
        at[0] = '"';
        memcpy(at + 1, str, n);
        at[n + 1] = '"';
        w->out->len += n + 2;
        return;
    }
    put(w, "\"", 1);
    for (;;) {
        switch (byte_class[*p]) {
        case PLAIN:
            p++;
            continue;
        case UTF8:
            if (!(n = utf8_len(p, p + strlen((const char *)p)))) {
                w->bad = str;
                if (!w->rc)
                    w->rc = TIDE_ECONFIG;
                return;
            }
            p += n;
            continue;
        }
        put(w, (const char *)run, (size_t)(p - run));
        if (!*p)
            break;
        put_escape(w, *p++);
        run = p;
    }
    put(w, "\"", 1);
}

/* "key": "value", left out when value is NULL. */
static void string_field(writer *w, const char *k, const char *value)
{
    if (!value)
        return;
    key(w, k);
    put_string(w, value);
}

/* "key": true, left out when false. */
static void true_field(writer *w, const char *k, int value)
{
    if (!value)
        return;
    key(w, k);
    put(w, "true", 4);
}

/* "key": [ "v1", ... ], left out when empty unless required. */
static void list_field(writer *w, const char *k, char *const *v, int n, int required)
{
    int i;
    if (!n && !required)
        return;
    key(w, k);
    enter(w, "[");
    for (i = 0; i < n; i++) {
        item(w);
        put_string(w, v[i]);
    }
    leave(w, "]");
}

static void render_enum(writer *w, const tide_enum *e)
{
    at_object(w, "enum", e->schema, e->name);
    item(w);
    enter(w, "{");
    string_field(w, "schema", e->schema);
    string_field(w, "name", e->name);
    list_field(w, "values", e->values, e->nvalues, 1);
    string_field(w, "comment", e->comment);
    leave(w, "}");
}

/* An identity column and the options of a column's own sequence. */
static void render_identity(writer *w, const tide_column *c)
{
    string_field(w, "identity", c->identity);
    string_field(w, "sequence", c->sequence);
    string_field(w, "statistics", c->statistics);
    string_field(w, "storage", c->storage);
    string_field(w, "compression", c->compression);
    string_field(w, "attributeOptions", c->attoptions);
    string_field(w, "sequenceComment", c->sequence_comment);
}

static void render_column(writer *w, const tide_column *c)
{
    item(w);
    enter(w, "{");
    string_field(w, "name", c->name);
    string_field(w, "type", c->type);
    if (w->declared)
        string_field(w, "declared", c->declared);
    true_field(w, "enum", c->is_enum);
    true_field(w, "nullable", c->nullable);
    string_field(w, "default", c->default_expr);
    if (w->declared && c->default_expr && c->default_text && strcmp(c->default_text, c->default_expr))
        string_field(w, "defaultText", c->default_text);
    true_field(w, "autoincrement", c->autoincrement);
    string_field(w, "generated", c->generated);
    true_field(w, "stored", c->generated && c->generated_stored);
    string_field(w, "collation", c->collation);
    string_field(w, "comment", c->comment);
    string_field(w, "notNullOnConflict", c->not_null_conflict);
    true_field(w, "notNull", c->not_null_said > 0);
    render_identity(w, c);
    leave(w, "}");
}

/* "options": ["deferrable", "notValid", ...] (TIDE_CON_*), left out when none. */
static void render_con_options(writer *w, unsigned options)
{
    char *words[TIDE_CON_NOPTIONS];
    int i, n = 0;
    for (i = 0; i < TIDE_CON_NOPTIONS; i++)
        if (options & (1u << i))
            words[n++] = (char *)tide_con_option_words[i];
    if (n)
        list_field(w, "options", words, n, 1);
}

/* A unique constraint's members; the primary key has the same, and its
 * DESC columns (desc: none for a unique constraint). */
static void render_key(writer *w, const tide_unique *u, char *const *desc, int ndesc)
{
    enter(w, "{");
    string_field(w, "name", u->name);
    list_field(w, "columns", u->columns, u->ncolumns, 1);
    list_field(w, "desc", desc, ndesc, 0);
    list_field(w, "include", u->include, u->ninclude, 0);
    render_con_options(w, u->options);
    string_field(w, "onConflict", u->on_conflict);
    string_field(w, "comment", u->comment);
    leave(w, "}");
}

static void render_primary_key(writer *w, const tide_table *t)
{
    tide_unique pk = { .name = t->pk_name, .columns = t->pk, .ncolumns = t->npk, .options = t->pk_options,
                       .on_conflict = t->pk_conflict, .comment = t->pk_comment,
                       .include = t->pk_include, .ninclude = t->npk_include };
    if (!t->npk && !t->pk_name)
        return;
    key(w, "primaryKey");
    render_key(w, &pk, t->pk_desc, t->npk_desc);
}

static void render_unique(writer *w, const tide_unique *u)
{
    item(w);
    render_key(w, u, NULL, 0);
}

static void render_index(writer *w, const tide_index *ix)
{
    item(w);
    enter(w, "{");
    string_field(w, "name", ix->name);
    list_field(w, "columns", ix->columns, ix->ncolumns, 0);
    string_field(w, "expression", ix->expression);
    true_field(w, "unique", ix->unique);
    true_field(w, "nullsNotDistinct", ix->nulls_not_distinct);
    string_field(w, "where", ix->where);
    string_field(w, "method", ix->method);
    string_field(w, "comment", ix->comment);
    list_field(w, "include", ix->include, ix->ninclude, 0);
    string_field(w, "with", ix->with);
    leave(w, "}");
}

static void render_fk(writer *w, const tide_fk *fk)
{
    item(w);
    enter(w, "{");
    string_field(w, "name", fk->name);
    list_field(w, "columns", fk->columns, fk->ncolumns, 1);
    string_field(w, "refSchema", fk->ref_schema);
    string_field(w, "refTable", fk->ref_table);
    /* REFERENCES parent (no columns, ref_key): none written, so that reading
     * it back fills the parent's key and knows it was not named, as the
     * definitions said; a rebuild in a migration's down writes it so again */
    list_field(w, "refColumns", fk->ref_columns, fk->ref_key ? 0 : fk->nref_columns, 0);
    string_field(w, "onDelete", fk->on_delete);
    string_field(w, "onUpdate", fk->on_update);
    true_field(w, "deferrable", fk->deferrable);
    true_field(w, "initiallyDeferred", fk->initially_deferred);
    render_con_options(w, fk->options);
    string_field(w, "comment", fk->comment);
    leave(w, "}");
}

static void render_check(writer *w, const tide_check *ck)
{
    item(w);
    enter(w, "{");
    string_field(w, "name", ck->name);
    string_field(w, "expression", ck->expr);
    render_con_options(w, ck->options);
    string_field(w, "comment", ck->comment);
    leave(w, "}");
}

/* Writes "key": [ ... ] for a list of n items of the given size, each with
 * render; left out when empty. */
static void object_list(writer *w, const char *k, const void *items, int n, size_t size,
                        void (*render)(writer *, const void *))
{
    int i;
    if (!n)
        return;
    key(w, k);
    enter(w, "[");
    for (i = 0; i < n; i++)
        render(w, (const char *)items + (size_t)i * size);
    leave(w, "]");
}

/* Adapters: object_list passes items as const void *. */
static void any_unique(writer *w, const void *p) { render_unique(w, p); }
static void any_index(writer *w, const void *p) { render_index(w, p); }
static void any_fk(writer *w, const void *p) { render_fk(w, p); }
static const void *declared_unique(const tide_table *t, int k) { return tide_table_declared_unique(t, k); }
static const void *declared_fk(const tide_table *t, int k) { return tide_table_declared_fk(t, k); }

/* Unique constraints and foreign keys: SQLite numbers them by the order
 * declared (their autoindexes, PRAGMA foreign_key_list), so a schema that
 * declares types keeps it; else in the list's order. */
static void declared_list(writer *w, const tide_table *t, const char *name, int n,
                          const void *(*declared)(const tide_table *, int), const void *items,
                          size_t size, void (*render)(writer *, const void *))
{
    int i;
    if (!w->declared || !n) {
        object_list(w, name, items, n, size, render);
        return;
    }
    key(w, name);
    enter(w, "[");
    for (i = 0; i < n; i++)
        render(w, declared(t, i));
    leave(w, "]");
}
static void any_check(writer *w, const void *p) { render_check(w, p); }

static void render_table(writer *w, const tide_table *t)
{
    int i;
    at_object(w, "table", t->schema, t->name);
    item(w);
    enter(w, "{");
    string_field(w, "schema", t->schema);
    string_field(w, "name", t->name);
    string_field(w, "comment", t->comment);
    true_field(w, "strict", t->options & TIDE_TABLE_STRICT);
    true_field(w, "withoutRowid", t->options & TIDE_TABLE_WITHOUT_ROWID);
    true_field(w, "unlogged", t->options & TIDE_TABLE_UNLOGGED);
    true_field(w, "rowLevelSecurity", t->options & TIDE_TABLE_ROW_SECURITY);
    true_field(w, "forceRowLevelSecurity", t->options & TIDE_TABLE_FORCE_ROW_SECURITY);
    string_field(w, "partitionBy", t->partition_by);
    string_field(w, "clusterOn", t->cluster_on);
    string_field(w, "replicaIdentity", t->replica_identity);
    string_field(w, "with", t->with);
    if (t->ninherits)
        list_field(w, "inherits", t->inherits, t->ninherits, 0);
    key(w, "columns");
    enter(w, "[");
    for (i = 0; i < t->ncolumns; i++)
        render_column(w, &t->columns[i]);
    leave(w, "]");
    render_primary_key(w, t);
    declared_list(w, t, "uniques", t->nuniques, declared_unique, t->uniques, sizeof *t->uniques, any_unique);
    object_list(w, "indexes", t->indexes, t->nindexes, sizeof *t->indexes, any_index);
    declared_list(w, t, "foreignKeys", t->nfks, declared_fk, t->fks, sizeof *t->fks, any_fk);
    object_list(w, "checks", t->checks, t->nchecks, sizeof *t->checks, any_check);
    leave(w, "}");
}

/* The canonical form is written only when a driver set one that differs
 * from the one finish gives the definition (tide_model_canonical_expr), so
 * that a snapshot read back compares equal; reads[] only when the catalog
 * gave them (a reader finds them again in the definition otherwise). */
static void render_object(writer *w, const tide_object *o)
{
    int own = 0;
    at_object(w, tide_object_kinds[o->kind].name, o->schema, o->name);
    if (o->canonical && !w->rc) {
        if (tide_model_canonical_expr(o->definition ? o->definition : "", &w->tmp) < 0)
            w->rc = TIDE_ENOMEM;
        else
            own = strcmp(o->canonical, w->tmp.data ? w->tmp.data : "") != 0;
    }
    item(w);
    enter(w, "{");
    string_field(w, "kind", tide_object_kinds[o->kind].name);
    string_field(w, "schema", o->schema);
    string_field(w, "name", o->name);
    string_field(w, "table", o->table);
    string_field(w, "tableSchema", o->table_schema);
    string_field(w, "definition", o->definition);
    string_field(w, "canonical", own ? o->canonical : NULL);
    if (o->reads_given)
        list_field(w, "reads", o->reads, o->nreads, 1);
    string_field(w, "comment", o->comment);
    if (o->ncolumn_comments)
        list_field(w, "columnComments", o->column_comments, o->ncolumn_comments, 1);
    if (o->ncolumn_defaults)
        list_field(w, "columnDefaults", o->column_defaults, o->ncolumn_defaults, 1);
    string_field(w, "with", o->with);
    string_field(w, "enabled", o->enabled);
    string_field(w, "replicaIdentity", o->replica_identity);
    true_field(w, "rowLevelSecurity", o->row_security);
    true_field(w, "forceRowLevelSecurity", o->force_row_security);
    leave(w, "}");
}

static int render_error(const writer *w, tide_err *err)
{
    if (w->rc == TIDE_EIO)
        return w->rc;                   /* said by tide_file_out_write */
    if (w->rc == TIDE_ENOMEM)
        return tide_err_set(err, TIDE_ENOMEM, "out of memory writing the snapshot");
    return tide_err_set(err, TIDE_ECONFIG,
                        "cannot write the snapshot: %s '%s%s%.60s': the text \"%.40s\" is not "
                        "valid UTF-8 (save the schema files as UTF-8)", w->what,
                        w->schema ? w->schema : "", w->schema ? "." : "",
                        w->name ? w->name : "?", w->bad);
}

static void give_back_to(const char **kept, const char *p);

/* s into out, or through out into file when file is not NULL; reuse (NULL:
 * none): the text of s's tables already made (tide_snapshot_read_against). */
static int render(const tide_schema *s, tide_buf *out, tide_file_out *file, const tide_snapshot_reuse *reuse,
                  tide_err *err)
{
    writer w;
    size_t len0 = out->len;
    const char *kept = reuse && reuse->mapped ? reuse->old : NULL;
    int i;
    memset(&w, 0, sizeof w);
    w.out = out;
    w.file = file;
    w.err = err;
    enter(&w, "{");
    string_field(&w, "format", TIDE_SNAPSHOT_FORMAT);
    if (s->digest)              /* second, where tide_snapshot_read_digest looks */
        string_field(&w, "definitions", s->digest);
    true_field(&w, "nocase", s->nocase);    /* the database ignores the case of names */
    w.declared = s->declared_types;
    true_field(&w, "declaredTypes", s->declared_types);   /* columns keep their declared text */
    list_field(&w, "namespaces", s->namespaces, s->nnamespaces, 0);   /* left out when none */
    if (s->nns_comments) {
        key(&w, "namespaceComments");
        enter(&w, "[");
        for (i = 0; i < s->nns_comments; i++) {
            item(&w);
            enter(&w, "{");
            string_field(&w, "name", s->ns_comments[i].name);
            string_field(&w, "comment", s->ns_comments[i].comment);
            leave(&w, "}");
        }
        leave(&w, "]");
    }
    if (s->nenums) {
        key(&w, "enums");
        enter(&w, "[");
        for (i = 0; i < s->nenums; i++)
            render_enum(&w, &s->enums[i]);
        leave(&w, "]");
    }
    key(&w, "tables");
    enter(&w, "[");
    for (i = 0; i < s->ntables; i++) {
        if (reuse && reuse->where[i]) {     /* its text made already: the old file's, or kept */
            const char *text = (reuse->where[i] == 1 ? reuse->old : reuse->kept.data) + reuse->at[2 * i];
            item(&w);
            put(&w, text, reuse->at[2 * i + 1]);
            if (reuse->where[i] == 1)
                give_back_to(&kept, text);
        } else {
            render_table(&w, s->tables[i]);
        }
        spill(&w);
    }
    leave(&w, "]");
    if (s->nobjects) {             /* left out when none: older snapshots stay byte for byte */
        key(&w, "objects");
        enter(&w, "[");
        for (i = 0; i < s->nobjects; i++) {
            render_object(&w, &s->objects[i]);
            spill(&w);
        }
        leave(&w, "]");
    }
    leave(&w, "}");
    put(&w, "\n", 1);
    if (out->data)
        out->data[out->len] = '\0';    /* room() keeps a byte for it */
    tide_buf_free(&w.tmp);
    if (!w.rc)
        return 0;
    out->len = len0;
    if (out->data)
        out->data[len0] = '\0';
    return render_error(&w, err);
}

int tide_snapshot_render(const tide_schema *s, tide_buf *out, tide_err *err)
{
    return render(s, out, NULL, NULL, err);
}

/* Table t's element (as render writes it among the tables) into out, reset
 * first. Returns 0 or the writer's code (out is then to be ignored). */
static int render_one(const tide_schema *s, const tide_table *t, tide_buf *out)
{
    writer w;
    memset(&w, 0, sizeof w);
    tide_buf_reset(out);
    w.out = out;
    w.depth = 2;                     /* the tables' list's items */
    w.count[2] = 1;                  /* not the first: led by ",\n    " */
    w.declared = s->declared_types;
    render_table(&w, t);
    tide_buf_free(&w.tmp);
    return w.rc;
}

void tide_snapshot_reuse_free(tide_snapshot_reuse *r)
{
    if (r->old && r->mapped)
        munmap((void *)r->old, r->old_len);
    else
        free((void *)r->old);
    free(r->where);
    free(r->at);
    tide_buf_free(&r->kept);
    memset(r, 0, sizeof *r);
}

int tide_snapshot_write_reusing(const tide_schema *s, const tide_snapshot_reuse *reuse, const char *path,
                                tide_err *err)
{
    tide_buf text = TIDE_BUF_INIT;
    tide_file_out f;
    int rc;
    if (reuse && (reuse->to != s || !reuse->where))
        reuse = NULL;
    if ((rc = tide_file_out_open(&f, path, err)) < 0)
        return rc;
    if ((rc = render(s, &text, &f, reuse, err)) == 0 && (rc = tide_file_out_write(&f, text.data, text.len, err)) == 0)
        rc = tide_file_out_commit(&f, 0, err);
    else
        tide_file_out_abort(&f);
    tide_buf_free(&text);
    return rc;
}

int tide_snapshot_write(const tide_schema *s, const char *path, tide_err *err)
{
    return tide_snapshot_write_reusing(s, NULL, path, err);
}

/* ==== reading ============================================================ */

/* Where the reader is. Every read_* function starts at the next token
 * (white space allowed before it) and returns 0 or a negative code with err
 * filled; on failure the schema being built is thrown away by the caller. */
typedef struct reader {
    const char *start, *p, *end;
    const char *name;              /* the file's name, for messages */
    tide_schema *s;
    tide_buf str;                  /* the last string read, unescaped */
    char shown[80];                /* found()'s answer, or a key fit to print */
    tide_err *err;
    const char *kept;              /* a mapped file: the pages from here on are still held */
    struct reuse *reuse;           /* tables left unread (tide_snapshot_read_against); NULL: none */
} reader;

static int fail(reader *r, const char *at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Reports what is wrong at `at` as NAME:LINE:COL (the column counts
 * characters, as editors do). */
static int fail(reader *r, const char *at, const char *fmt, ...)
{
    const char *line = r->start, *q;
    char what[512];
    int nline = 1, col = 1;
    va_list ap;
    while ((q = memchr(line, '\n', (size_t)(at - line)))) {
        nline++;
        line = q + 1;
    }
    for (q = line; q < at; q++)
        col += ((unsigned char)*q & 0xc0) != 0x80;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    return tide_err_set(r->err, TIDE_ECONFIG, "%s:%d:%d: %s (" CORRUPT ")", r->name, nline, col,
                        what);
}

static int out_of_memory(reader *r)
{
    return tide_err_set(r->err, TIDE_ENOMEM, "out of memory reading %s", r->name);
}

/* JSON's white space: space, \n, \r, \t. */
static const unsigned char is_space[256] = { [' '] = 1, ['\n'] = 1, ['\r'] = 1, ['\t'] = 1 };

static void skip_space(reader *r)
{
    static const char spaces[8] = "        ";
    const char *p = r->p, *end = r->end;
    if (p < end && *p == '\n')          /* a line's indentation: eight spaces at a time */
        for (p++; end - p >= 8 && !memcmp(p, spaces, 8); p += 8)
            ;
    while (p < end && is_space[(unsigned char)*p])
        p++;
    r->p = p;
}

/* Skips white space, then the next byte, or 0 at the end of the text. */
static int next(reader *r)
{
    skip_space(r);
    return r->p < r->end ? (unsigned char)*r->p : 0;
}

/* The length of the run of letters, digits and '_' at p (a bare word). */
static size_t word_len(const char *p, const char *end)
{
    const char *q = p;
    while (q < end && ((*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z') ||
                       (*q >= '0' && *q <= '9') || *q == '_'))
        q++;
    return (size_t)(q - p);
}

/* What the next token is, in words, for messages. */
static const char *found(reader *r)
{
    unsigned char c = r->p < r->end ? (unsigned char)*r->p : 0;
    size_t n = r->p < r->end ? word_len(r->p, r->end) : 0;
    if (r->p >= r->end)
        return "the end of the file";
    if (c == '-' || (c >= '0' && c <= '9'))
        return "a number";
    if ((n == 4 && !memcmp(r->p, "true", 4)) || (n == 5 && !memcmp(r->p, "false", 5)))
        return "a boolean";
    if (n == 4 && !memcmp(r->p, "null", 4))
        return "null";
    if (c == '"' || c == '{' || c == '[')
        return c == '"' ? "a string" : c == '{' ? "an object" : "a list";
    if (n)
        snprintf(r->shown, sizeof r->shown, "'%.*s'", n > 20 ? 20 : (int)n, r->p);
    else if (c == '\'')
        snprintf(r->shown, sizeof r->shown, "\"'\"");
    else if (c > 0x20 && c < 0x7f)
        snprintf(r->shown, sizeof r->shown, "'%c'", c);
    else
        snprintf(r->shown, sizeof r->shown, "byte 0x%02x", c);
    return r->shown;
}

/* The next token is not what the grammar wants there. */
static int unexpected(reader *r, const char *wanted)
{
    if (r->p >= r->end)
        return fail(r, r->p, "the file ends too early (cut short?): expected %s", wanted);
    return fail(r, r->p, "expected %s, found %s", wanted, found(r));
}

/* A value of the wrong type for key. */
static int wrong_type(reader *r, const char *k, const char *wanted)
{
    if (r->p >= r->end)
        return unexpected(r, wanted);
    return fail(r, r->p, "\"%s\" must be %s, found %s", k, wanted, found(r));
}

static int expect(reader *r, char c, const char *wanted)
{
    if (next(r) != (unsigned char)c)
        return unexpected(r, wanted);
    r->p++;
    return 0;
}

/* true, false or null at r->p: 1, 0 or -1 in *value. */
static int read_word(reader *r, int *value)
{
    static const char *const words[] = { "null", "false", "true" };
    size_t n = word_len(r->p, r->end), i;
    const char *q = r->p + n;
    for (i = 0; i < 3; i++) {
        if (n == strlen(words[i]) && !memcmp(r->p, words[i], n)) {
            *value = (int)i - 1;
            r->p = q;
            return 0;
        }
        if (q == r->end && n < strlen(words[i]) && !memcmp(r->p, words[i], n))
            return fail(r, r->end, "the file ends too early (cut short?): expected %s",
                        words[i]);
    }
    return fail(r, r->p, "invalid value '%.*s'", (int)(n ? n : 1), r->p);
}

static int hex4(reader *r, const char *at, unsigned *u)
{
    int i;
    *u = 0;
    if (r->end - at < 4)
        return fail(r, r->end, "the file ends too early (cut short?): inside a \\u escape");
    for (i = 0; i < 4; i++) {
        char c = at[i];
        int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
              : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
        if (d < 0)
            return fail(r, at - 2, "invalid \\u escape: four hexadecimal digits expected");
        *u = *u << 4 | (unsigned)d;
    }
    return 0;
}

/* Reads \uXXXX (and its low surrogate) at r->p (after the backslash and 'u')
 * into r->str as UTF-8. */
static int read_unicode(reader *r)
{
    const char *at = r->p - 2;
    unsigned u, lo;
    char b[4];
    int rc;
    if ((rc = hex4(r, r->p, &u)) < 0)
        return rc;
    r->p += 4;
    if (u >= 0xdc00 && u <= 0xdfff)
        return fail(r, at, "invalid \\u escape: a lone low surrogate");
    if (u >= 0xd800 && u <= 0xdbff) {
        if (r->end - r->p < 2 || r->p[0] != '\\' || r->p[1] != 'u')
            return fail(r, at, "invalid \\u escape: a high surrogate without its low half");
        if ((rc = hex4(r, r->p + 2, &lo)) < 0)
            return rc;
        if (lo < 0xdc00 || lo > 0xdfff)
            return fail(r, at, "invalid \\u escape: a high surrogate without its low half");
        r->p += 6;
        u = 0x10000 + ((u - 0xd800) << 10) + (lo - 0xdc00);
    }
    if (u == 0)
        return fail(r, at, "a string holds \\u0000, which tide does not accept");
    if (u < 0x80)
        return tide_buf_putc(&r->str, (char)u) < 0 ? out_of_memory(r) : 0;
    if (u < 0x800) {
        b[0] = (char)(0xc0 | u >> 6), b[1] = (char)(0x80 | (u & 0x3f));
        return tide_buf_add(&r->str, b, 2) < 0 ? out_of_memory(r) : 0;
    }
    if (u < 0x10000) {
        b[0] = (char)(0xe0 | u >> 12), b[1] = (char)(0x80 | (u >> 6 & 0x3f));
        b[2] = (char)(0x80 | (u & 0x3f));
        return tide_buf_add(&r->str, b, 3) < 0 ? out_of_memory(r) : 0;
    }
    b[0] = (char)(0xf0 | u >> 18), b[1] = (char)(0x80 | (u >> 12 & 0x3f));
    b[2] = (char)(0x80 | (u >> 6 & 0x3f)), b[3] = (char)(0x80 | (u & 0x3f));
    return tide_buf_add(&r->str, b, 4) < 0 ? out_of_memory(r) : 0;
}

/* Reads the escape at r->p (just after the backslash) into r->str. */
static int read_escape(reader *r)
{
    static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
    const char *hit;
    if (r->p >= r->end)
        return fail(r, r->end, "the file ends too early (cut short?): inside a string");
    if (*r->p == 'u') {
        r->p++;
        return read_unicode(r);
    }
    if (!*r->p || !(hit = strchr(from, *r->p)))
        return fail(r, r->p - 1, "invalid escape '\\%c' in a string",
                    *r->p > 0x20 && *r->p < 0x7f ? *r->p : '?');
    r->p++;
    return tide_buf_putc(&r->str, to[hit - from]) < 0 ? out_of_memory(r) : 0;
}

/* Whether the text ends inside the UTF-8 sequence at p: a cut, not a fault. */
static int cut_utf8(const unsigned char *p, const unsigned char *end)
{
    size_t need = *p >= 0xf0 ? 4 : *p >= 0xe0 ? 3 : 2, i;
    if ((size_t)(end - p) >= need || *p < 0xc2 || *p > 0xf4)
        return 0;
    for (i = 1; p + i < end; i++)
        if ((p[i] & 0xc0) != 0x80)
            return 0;
    return 1;
}

/* Reads the string at r->p (at its opening quote) into r->str. */
static int read_string(reader *r)
{
    const unsigned char *p = (const unsigned char *)r->p + 1, *run = p;
    const unsigned char *end = (const unsigned char *)r->end;
    const char *open = r->p;
    size_t n;
    int rc;
    while (p < end && !byte_class[*p])
        p++;
    if (p < end && *p == '"' && (size_t)(p - run) < r->str.cap) {     /* nothing to unescape: most strings */
        n = (size_t)(p - run);
        memcpy(r->str.data, run, n);
        r->str.data[n] = '\0';
        r->str.len = n;
        r->p = (const char *)p + 1;
        return 0;
    }
    tide_buf_reset(&r->str);
    for (;;) {
        while (p < end && !byte_class[*p])
            p++;
        if (p >= end || (byte_class[*p] == UTF8 && cut_utf8(p, end)))
            return fail(r, open, "the file ends too early (cut short?) in the string that "
                        "starts here");
        if (byte_class[*p] == UTF8) {
            if (!(n = utf8_len(p, end)))
                return fail(r, (const char *)p, "invalid UTF-8 in a string");
            p += n;
            continue;
        }
        if (tide_buf_add(&r->str, (const char *)run, (size_t)(p - run)) < 0)
            return out_of_memory(r);
        if (*p == '"')
            break;
        if (*p != '\\')
            return fail(r, (const char *)p, "a control character (byte 0x%02x) in a string "
                        "must be escaped", *p);
        r->p = (const char *)p + 1;
        if ((rc = read_escape(r)) < 0)
            return rc;
        p = run = (const unsigned char *)r->p;
    }
    r->p = (const char *)p + 1;
    return 0;
}

/* r->str, cut and cleaned to appear in a message. */
static const char *shown(reader *r)
{
    size_t i, n = r->str.len < 40 ? r->str.len : 40;
    while (n < r->str.len && n > 0 && ((unsigned char)r->str.data[n] & 0xc0) == 0x80)
        n--;                       /* cut between characters, not inside one */
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)r->str.data[i];
        r->shown[i] = (char)(c < 0x20 || c == 0x7f || c == '"' ? '?' : c);
    }
    memcpy(r->shown + n, r->str.len > n ? "..." : "", r->str.len > n ? 4 : 1);
    return r->shown;
}

/* ---- values -------------------------------------------------------------- */

/* A string for key into *dst (copied into the schema); null leaves *dst as
 * it is when the key is optional. */
static int read_text(reader *r, const char *k, int optional, char **dst)
{
    const char *at;
    int rc, word;
    int c = next(r);
    if (optional && c == 'n') {
        at = r->p;
        if ((rc = read_word(r, &word)) < 0 || word == -1)
            return rc;
        return fail(r, at, "\"%s\" must be a string, found a boolean", k);
    }
    if (c != '"')
        return wrong_type(r, k, "a string");
    if ((rc = read_string(r)) < 0)
        return rc;
    if (!(*dst = tide_schema_strn(r->s, r->str.data, r->str.len)))
        return out_of_memory(r);
    return 0;
}

/* true or false (or null, as false) for key. */
static int read_flag(reader *r, const char *k, int *dst)
{
    int rc, word;
    int c = next(r);
    if (c != 't' && c != 'f' && c != 'n')
        return wrong_type(r, k, "true or false");
    if ((rc = read_word(r, &word)) < 0)
        return rc;
    *dst = word == 1;
    return 0;
}

/* A list of items, each read by read_item(r, ctx); null is the empty list when
 * the key is optional. */
static int read_list(reader *r, const char *k, int optional, int (*read_item)(reader *, void *),
                     void *ctx)
{
    const char *at;
    int rc, word;
    int c = next(r);
    if (optional && c == 'n') {
        at = r->p;
        if ((rc = read_word(r, &word)) < 0 || word == -1)
            return rc;
        return fail(r, at, "\"%s\" must be a list, found a boolean", k);
    }
    if (c != '[')
        return wrong_type(r, k, "a list");
    r->p++;
    if (next(r) == ']') {
        r->p++;
        return 0;
    }
    for (;;) {
        if ((rc = read_item(r, ctx)) < 0)
            return rc;
        c = next(r);
        r->p += c == ',' || c == ']';
        if (c == ']')
            return 0;
        if (c != ',')
            return unexpected(r, "',' or ']'");
    }
}

/* A list of strings, pushed onto a list field of the model. */
typedef struct strings {
    const char *key;
    char ***v;
    int *n;
} strings;

static int string_item(reader *r, void *ctx)
{
    strings *l = ctx;
    int rc;
    if (next(r) != '"')
        return r->p >= r->end ? unexpected(r, "a string")
                              : fail(r, r->p, "the items of \"%s\" must be strings, found %s",
                                     l->key, found(r));
    if ((rc = read_string(r)) < 0)
        return rc;
    if (tide_strv_push(r->s, l->v, l->n, r->str.data) < 0)
        return out_of_memory(r);
    return 0;
}

static int read_strings(reader *r, const char *k, int optional, char ***v, int *n)
{
    strings l = { k, v, n };
    return read_list(r, k, optional, string_item, &l);
}

/* ---- objects ------------------------------------------------------------- */

/* One kind of object: how messages call it, its keys, and the function that
 * reads the value of key number i (named k) into obj. */
typedef struct need need;
typedef struct shape {
    const char *what;                          /* "a column" */
    const char *noun;                          /* "column" */
    const char *const *keys;                   /* NULL-terminated, at most 32 */
    int (*field)(reader *r, void *obj, int i, const char *k);
    size_t name_off;                           /* read_item: where its name is (a char *) */
    const need *needs;                         /* read_item: the keys it cannot do without */
} shape;

/* A key an item cannot do without, checked in order once the item is read
 * (read_item): a text (set), a list with items (its count above 0), or a
 * key that must be there whatever its value (a list that may be empty). */
typedef enum { NEED_TEXT, NEED_ITEMS, NEED_KEY } need_kind;
struct need {
    const char *key;                           /* NULL ends a list of needs */
    need_kind kind;
    size_t off;                                /* where the value is in the item; NEED_KEY: the key's index */
};

/* Edit distance between a and b (0 to 32 bytes each; 99 when longer):
 * enough to spot a typo. */
static size_t distance(const char *a, const char *b)
{
    size_t row[33], i, j, la = strlen(a), lb = strlen(b), diag, up;
    if (la > 32 || lb > 32)
        return 99;
    for (j = 0; j <= lb; j++)
        row[j] = j;
    for (i = 1; i <= la; i++) {
        diag = row[0];
        row[0] = i;
        for (j = 1; j <= lb; j++) {
            up = row[j];
            row[j] = diag + (a[i - 1] != b[j - 1]);
            if (up + 1 < row[j])
                row[j] = up + 1;
            if (row[j - 1] + 1 < row[j])
                row[j] = row[j - 1] + 1;
            diag = up;
        }
    }
    return row[lb];
}

/* A typo in a hand-edited snapshot must not be ignored: name the key and
 * the likely one. */
static int unknown_key(reader *r, const shape *sh, const char *at)
{
    const char *best = NULL;
    size_t d, best_d = 3;
    int i;
    for (i = 0; sh->keys[i]; i++)
        if ((d = distance(r->str.data, sh->keys[i])) < best_d)
            best_d = d, best = sh->keys[i];
    if (best)
        return fail(r, at, "unknown key \"%s\" in %s; did you mean \"%s\"?", shown(r), sh->what,
                    best);
    return fail(r, at, "unknown key \"%s\" in %s", shown(r), sh->what);
}

/* Reads one key and its value; *seen collects the keys met so far. */
static int read_member(reader *r, const shape *sh, void *obj, unsigned *seen)
{
    const char *at;
    int i, rc;
    if (next(r) != '"')
        return unexpected(r, "a key (a string in double quotes)");
    at = r->p;
    if ((rc = read_string(r)) < 0)
        return rc;
    for (i = 0; sh->keys[i] && (sh->keys[i][0] != r->str.data[0] || strcmp(sh->keys[i], r->str.data)); i++)
        ;
    if (!sh->keys[i])
        return unknown_key(r, sh, at);
    if (*seen & 1u << i)
        return fail(r, at, "\"%s\" is given twice in %s", sh->keys[i], sh->what);
    *seen |= 1u << i;
    if ((rc = expect(r, ':', "':' after the key")) < 0)
        return rc;
    return sh->field(r, obj, i, sh->keys[i]);
}

/* Reads an object of the given shape into obj; bit i of *seen tells whether
 * key i was there, *at where the object starts. */
static int read_object(reader *r, const shape *sh, void *obj, unsigned *seen, const char **at)
{
    int rc, c;
    *seen = 0;
    *at = r->p;
    if (next(r) != '{')
        return r->p >= r->end ? unexpected(r, sh->what)
                              : fail(r, r->p, "expected %s (an object), found %s", sh->what,
                                     found(r));
    *at = r->p++;
    if (next(r) == '}') {
        r->p++;
        return 0;
    }
    for (;;) {
        if ((rc = read_member(r, sh, obj, seen)) < 0)
            return rc;
        c = next(r);
        r->p += c == ',' || c == '}';
        if (c == '}')
            return 0;
        if (c != ',')
            return unexpected(r, "',' or '}'");
    }
}

/* The error for an object (at `at`) that lacks a required key k. */
static int missing(reader *r, const char *at, const shape *sh, const char *name, const char *k)
{
    if (name)
        return fail(r, at, "%s \"%.60s\" has no \"%s\"", sh->noun, name, k);
    return fail(r, at, "%s has no \"%s\"", sh->what, k);
}

/* Reads an item of shape sh into obj (NULL: it could not be allocated),
 * then checks what it needs; at (may be NULL) is where the item starts. */
static int read_item(reader *r, const shape *sh, void *obj, const char **at)
{
    const char *where;
    unsigned seen;
    const need *n;
    int rc;
    if (!obj)
        return out_of_memory(r);
    if ((rc = read_object(r, sh, obj, &seen, &where)) < 0)
        return rc;
    if (at)
        *at = where;
    for (n = sh->needs; n && n->key; n++) {
        const char *v = (const char *)obj + n->off;
        int there = n->kind == NEED_TEXT ? *(char *const *)v != NULL
                    : n->kind == NEED_ITEMS ? *(const int *)v > 0 : (seen & 1u << n->off) != 0;
        if (!there)
            return missing(r, where, sh, *(char *const *)((const char *)obj + sh->name_off), n->key);
    }
    return 0;
}

/* ---- the schema ------------------------------------------------------------ */

static const char *const column_keys[] = { "name", "type", "enum", "nullable", "default",
                                           "autoincrement", "generated", "stored", "collation",
                                           "comment", "declared", "defaultText", "identity",
                                           "sequence", "statistics", "storage", "compression",
                                           "notNullOnConflict", "notNull", "sequenceComment",
                                           "attributeOptions", NULL };

static int column_field(reader *r, void *obj, int i, const char *k)
{
    tide_column *c = obj;
    switch (i) {
    case 0: return read_text(r, k, 0, &c->name);
    case 1: return read_text(r, k, 0, &c->type);
    case 2: return read_flag(r, k, &c->is_enum);
    case 3: return read_flag(r, k, &c->nullable);
    case 4: return read_text(r, k, 1, &c->default_expr);
    case 5: return read_flag(r, k, &c->autoincrement);
    case 6: return read_text(r, k, 1, &c->generated);
    case 7: return read_flag(r, k, &c->generated_stored);
    case 8: return read_text(r, k, 1, &c->collation);
    case 10: return read_text(r, k, 1, &c->declared);
    case 11: return read_text(r, k, 1, &c->default_text);
    case 12: return read_text(r, k, 1, &c->identity);
    case 13: return read_text(r, k, 1, &c->sequence);
    case 14: return read_text(r, k, 1, &c->statistics);
    case 15: return read_text(r, k, 1, &c->storage);
    case 16: return read_text(r, k, 1, &c->compression);
    case 17: return read_text(r, k, 1, &c->not_null_conflict);
    case 18: return read_flag(r, k, &c->not_null_said);
    case 19: return read_text(r, k, 1, &c->sequence_comment);
    case 20: return read_text(r, k, 1, &c->attoptions);
    default: return read_text(r, k, 1, &c->comment);
    }
}

static const need column_needs[] = { { "name", NEED_TEXT, offsetof(tide_column, name) },
                                     { "type", NEED_TEXT, offsetof(tide_column, type) }, { NULL, 0, 0 } };
static const shape column_shape = { "a column", "column", column_keys, column_field, offsetof(tide_column, name),
                                    column_needs };

static int check_identity(reader *r, const char *at, tide_column *c)
{
    if (c->identity && strcmp(c->identity, "always") && strcmp(c->identity, "by default"))
        return fail(r, at, "column \"%.60s\": \"identity\" is \"always\" or \"by default\", "
                    "not \"%.40s\"", c->name, c->identity);
    if ((c->identity || c->sequence) && !c->autoincrement)
        return fail(r, at, "column \"%.60s\" has \"%s\" but not \"autoincrement\"", c->name,
                    c->identity ? "identity" : "sequence");
    return 0;
}

static int column_item(reader *r, void *ctx)
{
    tide_column *c = tide_table_add_column(r->s, ctx, NULL, NULL);
    const char *at;
    int rc;
    if ((rc = read_item(r, &column_shape, c, &at)) < 0)
        return rc;
    if (c->generated_stored && !c->generated)
        return fail(r, at, "column \"%.60s\" is \"stored\" but not \"generated\"", c->name);
    return check_identity(r, at, c);
}

/* "options": a list of tide_con_option_words into TIDE_CON_* bits. */
static int read_con_options(reader *r, const char *k, unsigned *dst)
{
    const char *at = r->p;
    char **words = NULL;
    int n = 0, i, j, rc;
    if ((rc = read_strings(r, k, 1, &words, &n)) < 0)
        return rc;
    for (i = 0; i < n; i++) {
        for (j = 0; j < TIDE_CON_NOPTIONS && strcmp(words[i], tide_con_option_words[j]); j++)
            ;
        if (j == TIDE_CON_NOPTIONS)
            return fail(r, at, "\"%s\": \"%.40s\" is not a constraint option (deferrable, "
                        "initiallyDeferred, nullsNotDistinct, notValid, noInherit)", k, words[i]);
        *dst |= 1u << j;
    }
    return 0;
}

static const char *const unique_keys[] = { "name", "columns", "options", "onConflict", "comment", "include",
                                           NULL };

static int unique_field(reader *r, void *obj, int i, const char *k)
{
    tide_unique *u = obj;
    if (i == 0)
        return read_text(r, k, 1, &u->name);
    if (i == 2)
        return read_con_options(r, k, &u->options);
    if (i == 3)
        return read_text(r, k, 1, &u->on_conflict);
    if (i == 4)
        return read_text(r, k, 1, &u->comment);
    if (i == 5)
        return read_strings(r, k, 1, &u->include, &u->ninclude);
    return read_strings(r, k, 0, &u->columns, &u->ncolumns);
}

static const need unique_needs[] = { { "columns", NEED_ITEMS, offsetof(tide_unique, ncolumns) }, { NULL, 0, 0 } };
static const shape unique_shape = { "a unique constraint", "unique constraint", unique_keys,
                                    unique_field, offsetof(tide_unique, name), unique_needs };

/* The primary key has a unique constraint's keys, and its DESC columns:
 * read as one, then set on its table. */
typedef struct pk_item {
    tide_unique u;          /* first: its offsets are the item's */
    char **desc;
    int ndesc;
} pk_item;

static const char *const pk_keys[] = { "name", "columns", "options", "onConflict", "comment", "include",
                                       "desc", NULL };

static int pk_field(reader *r, void *obj, int i, const char *k)
{
    pk_item *pk = obj;
    if (i == 6)
        return read_strings(r, k, 1, &pk->desc, &pk->ndesc);
    return unique_field(r, &pk->u, i, k);
}

static const shape pk_shape = { "the primary key", "primary key", pk_keys, pk_field,
                                offsetof(pk_item, u.name), unique_needs };

static int read_primary_key(reader *r, tide_table *t, const char *k)
{
    pk_item item = { .u.name = NULL };
    tide_unique pk;
    const char *at;
    int rc, word;
    if (next(r) == 'n') {
        at = r->p;
        if ((rc = read_word(r, &word)) < 0 || word == -1)
            return rc;
        return fail(r, at, "\"%s\" must be an object, found a boolean", k);
    }
    if ((rc = read_item(r, &pk_shape, &item, NULL)) < 0)
        return rc;
    pk = item.u;
    t->pk_desc = item.desc;
    t->npk_desc = item.ndesc;
    t->pk_name = pk.name;
    t->pk = pk.columns;
    t->npk = pk.ncolumns;
    t->pk_options = pk.options;
    t->pk_conflict = pk.on_conflict;
    t->pk_comment = pk.comment;
    t->pk_include = pk.include;
    t->npk_include = pk.ninclude;
    return 0;
}

static int unique_item(reader *r, void *ctx)
{
    return read_item(r, &unique_shape, tide_table_add_unique(r->s, ctx, NULL), NULL);
}

static const char *const index_keys[] = { "name", "columns", "expression", "unique", "where",
                                          "method", "comment", "include", "with", "nullsNotDistinct", NULL };

static int index_field(reader *r, void *obj, int i, const char *k)
{
    tide_index *ix = obj;
    switch (i) {
    case 0: return read_text(r, k, 1, &ix->name);
    case 1: return read_strings(r, k, 1, &ix->columns, &ix->ncolumns);
    case 2: return read_text(r, k, 1, &ix->expression);
    case 3: return read_flag(r, k, &ix->unique);
    case 4: return read_text(r, k, 1, &ix->where);
    case 6: return read_text(r, k, 1, &ix->comment);
    case 7: return read_strings(r, k, 1, &ix->include, &ix->ninclude);
    case 8: return read_text(r, k, 1, &ix->with);
    case 9: return read_flag(r, k, &ix->nulls_not_distinct);
    default: return read_text(r, k, 1, &ix->method);
    }
}

static const shape index_shape = { "an index", "index", index_keys, index_field, offsetof(tide_index, name), NULL };

static int index_item(reader *r, void *ctx)
{
    tide_index *ix = tide_table_add_index(r->s, ctx, NULL);
    const char *at;
    int rc;
    if ((rc = read_item(r, &index_shape, ix, &at)) < 0)
        return rc;
    if (!ix->ncolumns && !ix->expression)
        return missing(r, at, &index_shape, ix->name, "columns\" or \"expression");
    return 0;
}

static const char *const fk_keys[] = { "name", "columns", "refSchema", "refTable", "refColumns",
                                       "onDelete", "onUpdate", "deferrable",
                                       "initiallyDeferred", "options", "comment", NULL };

static int fk_field(reader *r, void *obj, int i, const char *k)
{
    tide_fk *fk = obj;
    switch (i) {
    case 0: return read_text(r, k, 1, &fk->name);
    case 1: return read_strings(r, k, 0, &fk->columns, &fk->ncolumns);
    case 2: return read_text(r, k, 1, &fk->ref_schema);
    case 3: return read_text(r, k, 0, &fk->ref_table);
    case 4: return read_strings(r, k, 1, &fk->ref_columns, &fk->nref_columns);
    case 5: return read_text(r, k, 1, &fk->on_delete);
    case 6: return read_text(r, k, 1, &fk->on_update);
    case 7: return read_flag(r, k, &fk->deferrable);
    case 9: return read_con_options(r, k, &fk->options);
    case 10: return read_text(r, k, 1, &fk->comment);
    default: return read_flag(r, k, &fk->initially_deferred);
    }
}

static const need fk_needs[] = { { "columns", NEED_ITEMS, offsetof(tide_fk, ncolumns) },
                                 { "refTable", NEED_TEXT, offsetof(tide_fk, ref_table) }, { NULL, 0, 0 } };
static const shape fk_shape = { "a foreign key", "foreign key", fk_keys, fk_field, offsetof(tide_fk, name), fk_needs };

static int fk_item(reader *r, void *ctx)
{
    return read_item(r, &fk_shape, tide_table_add_fk(r->s, ctx, NULL), NULL);
}

static const char *const check_keys[] = { "name", "expression", "options", "comment", NULL };

static int check_field(reader *r, void *obj, int i, const char *k)
{
    tide_check *ck = obj;
    if (i == 2)
        return read_con_options(r, k, &ck->options);
    if (i == 3)
        return read_text(r, k, 1, &ck->comment);
    return read_text(r, k, 0, i == 0 ? &ck->name : &ck->expr);
}

static const need check_needs[] = { { "name", NEED_TEXT, offsetof(tide_check, name) },
                                    { "expression", NEED_TEXT, offsetof(tide_check, expr) }, { NULL, 0, 0 } };
static const shape check_shape = { "a check", "check", check_keys, check_field, offsetof(tide_check, name),
                                   check_needs };

static int check_item(reader *r, void *ctx)
{
    return read_item(r, &check_shape, tide_table_add_check(r->s, ctx, NULL, NULL), NULL);
}

static const char *const table_keys[] = { "schema", "name", "comment", "strict", "withoutRowid",
                                          "unlogged", "columns", "primaryKey", "uniques",
                                          "indexes", "foreignKeys", "checks", "partitionBy", "inherits",
                                          "rowLevelSecurity", "forceRowLevelSecurity", "clusterOn", "replicaIdentity", "with", NULL };
enum { TABLE_SCHEMA, TABLE_NAME, TABLE_COMMENT, TABLE_STRICT, TABLE_WITHOUT_ROWID,
       TABLE_UNLOGGED, TABLE_COLUMNS, TABLE_PK, TABLE_UNIQUES, TABLE_INDEXES, TABLE_FKS,
       TABLE_CHECKS, TABLE_PARTITION_BY, TABLE_INHERITS, TABLE_ROW_SECURITY,
       TABLE_FORCE_ROW_SECURITY, TABLE_CLUSTER_ON, TABLE_REPLICA_IDENTITY, TABLE_WITH };

/* A table option (true or false) into t->options. */
static int read_option(reader *r, const char *k, tide_table *t, unsigned bit)
{
    int on, rc;
    if ((rc = read_flag(r, k, &on)) < 0)
        return rc;
    t->options = on ? t->options | bit : t->options & ~bit;
    return 0;
}

static int table_field(reader *r, void *obj, int i, const char *k)
{
    tide_table *t = obj;
    switch (i) {
    case TABLE_SCHEMA: return read_text(r, k, 1, &t->schema);
    case TABLE_NAME: return read_text(r, k, 0, &t->name);
    case TABLE_COMMENT: return read_text(r, k, 1, &t->comment);
    case TABLE_STRICT: return read_option(r, k, t, TIDE_TABLE_STRICT);
    case TABLE_WITHOUT_ROWID: return read_option(r, k, t, TIDE_TABLE_WITHOUT_ROWID);
    case TABLE_UNLOGGED: return read_option(r, k, t, TIDE_TABLE_UNLOGGED);
    case TABLE_ROW_SECURITY: return read_option(r, k, t, TIDE_TABLE_ROW_SECURITY);
    case TABLE_FORCE_ROW_SECURITY: return read_option(r, k, t, TIDE_TABLE_FORCE_ROW_SECURITY);
    case TABLE_COLUMNS: return read_list(r, k, 0, column_item, t);
    case TABLE_PK: return read_primary_key(r, t, k);
    case TABLE_UNIQUES: return read_list(r, k, 1, unique_item, t);
    case TABLE_INDEXES: return read_list(r, k, 1, index_item, t);
    case TABLE_FKS: return read_list(r, k, 1, fk_item, t);
    case TABLE_PARTITION_BY: return read_text(r, k, 1, &t->partition_by);
    case TABLE_CLUSTER_ON: return read_text(r, k, 1, &t->cluster_on);
    case TABLE_REPLICA_IDENTITY: return read_text(r, k, 1, &t->replica_identity);
    case TABLE_WITH: return read_text(r, k, 1, &t->with);
    case TABLE_INHERITS: return read_strings(r, k, 1, &t->inherits, &t->ninherits);
    default: return read_list(r, k, 1, check_item, t);
    }
}

static const need table_needs[] = { { "name", NEED_TEXT, offsetof(tide_table, name) },
                                    { "columns", NEED_KEY, TABLE_COLUMNS }, { NULL, 0, 0 } };
static const shape table_shape = { "a table", "table", table_keys, table_field, offsetof(tide_table, name),
                                   table_needs };

/* Of a mapped snapshot, the pages the reader has passed (1 MB or more) go
 * back to the kernel, so that the text is not held whole beside the model
 * it becomes; a message that needs them again (its line number) reads them
 * from the file anew. */
static void give_back_to(const char **kept, const char *p)
{
    uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE), from = (uintptr_t)*kept;
    uintptr_t to = (uintptr_t)p & ~(page - 1);
    if (*kept && to >= from + ((uintptr_t)1 << 20)) {
        madvise((void *)from, to - from, MADV_DONTNEED);
        *kept = (const char *)to;
    }
}

static void give_back(reader *r)
{
    give_back_to(&r->kept, r->p);
}

/* ---- the tables that did not change ---------------------------------------
 * Before the reader runs, a light scan (strings, escapes and nesting: the
 * syntax is the reader's to check) finds each element of the old "tables"
 * and, when it starts as the writer starts one ("schema" then "name", with
 * nothing escaped), the table of `to` of that name; an element byte for
 * byte that table's text is left unread, and the table of `to` taken. Only
 * bytes the writer made are skipped so: they hold no fault to report. */

typedef struct skip {
    size_t at, len;                /* the element in the old text */
    int table;                     /* to's table it is */
} skip;

typedef struct reuse {
    const tide_schema *to;
    tide_snapshot_reuse *keep;     /* what the tables' texts are, for writing to's snapshot */
    tide_buf one;                  /* a table of to rendered */
    skip *skips;                   /* in the old text's order */
    int nskips, next;
    int *taken;                    /* to's tables taken, as the reader met them */
    int ntaken;
} reuse;

#define NONE ((size_t)-1)

static const char *scan_space(const char *p, const char *end)
{
    while (p < end && is_space[(unsigned char)*p])
        p++;
    return p;
}

/* The end of the JSON value at p, or NULL when the text ends first or
 * closes more than it opened. */
static const char *scan_value(const char *p, const char *end)
{
    int depth = 0;
    do {
        if (p >= end)
            return NULL;
        if (*p == '"') {
            for (p++; p < end && *p != '"'; p += *p == '\\' ? 2 : 1)
                if (*p == '\\' && end - p < 2)
                    return NULL;
            if (p >= end)
                return NULL;
            p++;
        } else if (*p == '{' || *p == '[') {
            depth++;
            p++;
        } else if (*p == '}' || *p == ']') {
            if (--depth < 0)
                return NULL;
            p++;
        } else if (depth == 0) {       /* true, false, null, a number */
            size_t n = word_len(p, end);
            while (n < (size_t)(end - p) && (p[n] == '-' || p[n] == '+' || p[n] == '.'))
                n += 1 + word_len(p + n + 1, end);
            return n ? p + n : NULL;
        } else {
            p++;
        }
    } while (depth > 0);
    return p;
}

/* `"key": "v"` at *p (white space before it), v without an escape: 1, its
 * text in *v and *n, *p after it; else 0. */
static int raw_member(const char **p, const char *end, const char *key, const char **v, size_t *n)
{
    const char *q = scan_space(*p, end), *close;
    size_t k = strlen(key);
    if ((size_t)(end - q) < k + 5 || q[0] != '"' || memcmp(q + 1, key, k) || memcmp(q + 1 + k, "\": \"", 4))
        return 0;
    q += k + 5;
    if (!(close = memchr(q, '"', (size_t)(end - q))) || memchr(q, '\\', (size_t)(close - q)))
        return 0;
    *v = q;
    *n = (size_t)(close - q);
    *p = close + 1;
    return 1;
}

static unsigned table_key(const char *schema, size_t ns, const char *name, size_t n)
{
    return (schema ? tide_model_name_hash(schema, ns, 0) * 31u : 0) ^ tide_model_name_hash(name, n, 0);
}

/* to's tables by schema and name. */
typedef struct table_map {
    unsigned *slot;                /* a table's index + 1, 0 when free */
    size_t mask;
} table_map;

static int map_tables(table_map *m, const tide_schema *to)
{
    size_t cap = 16, h;
    int i;
    while (cap < (size_t)to->ntables * 2)
        cap *= 2;
    if (!(m->slot = calloc(cap, sizeof *m->slot)))
        return -1;
    m->mask = cap - 1;
    for (i = 0; i < to->ntables; i++) {
        const tide_table *t = to->tables[i];
        for (h = table_key(t->schema, t->schema ? strlen(t->schema) : 0, t->name, strlen(t->name)) & m->mask;
             m->slot[h]; h = (h + 1) & m->mask)
            ;
        m->slot[h] = (unsigned)i + 1;
    }
    return 0;
}

/* The table of to named as the element at p (start: the old text) is,
 * when its text is the element byte for byte (-1 otherwise). The text of a
 * table compared is noted in u->keep: where it is in the old text, or
 * (it differs) kept. 0 or -1 out of memory. */
static int same_table(reuse *u, const table_map *m, const char *start, const char *p, const char *end,
                      int *same)
{
    const char *q = p + 1, *schema = NULL, *name, *open;
    size_t ns = 0, n, h, len;
    tide_snapshot_reuse *k = u->keep;
    *same = -1;
    if (raw_member(&q, end, "schema", &schema, &ns)) {
        q = scan_space(q, end);
        if (q >= end || *q++ != ',')
            return 0;
    }
    if (!raw_member(&q, end, "name", &name, &n))
        return 0;
    for (h = table_key(schema, ns, name, n) & m->mask; m->slot[h]; h = (h + 1) & m->mask) {
        int i = (int)m->slot[h] - 1;
        const tide_table *t = u->to->tables[i];
        if (strlen(t->name) != n || memcmp(t->name, name, n) || !t->schema != !schema ||
            (schema && (strlen(t->schema) != ns || memcmp(t->schema, schema, ns))))
            continue;
        if (k->where[i] || render_one(u->to, t, &u->one) != 0 ||
            !(open = memchr(u->one.data, '{', u->one.len)))
            return 0;                /* met before (a table given twice), or not UTF-8 */
        len = u->one.len - (size_t)(open - u->one.data);
        if ((size_t)(end - p) >= len && !memcmp(p, open, len)) {
            k->where[i] = 1;
            k->at[2 * i] = (size_t)(p - start);
            *same = i;
        } else {
            k->where[i] = 2;
            k->at[2 * i] = k->kept.len;
            if (tide_buf_add(&k->kept, open, len) < 0)
                return -1;
        }
        k->at[2 * i + 1] = len;
        return 0;
    }
    return 0;
}

/* Finds the old text's elements of "tables" that are to's tables byte for
 * byte: old_at[i], where table i's is (NONE: none). 0 when the text is not
 * one the scan follows (the reader then reads it all, and says what is
 * wrong with it); -1 out of memory. */
static int scan_tables(reuse *u, const table_map *m, const char *start, const char *end, int mapped,
                       size_t *old_at)
{
    const char *p = start, *close, *kept = mapped ? start : NULL;
    int i;
    if (end - p >= 3 && !memcmp(p, "\xef\xbb\xbf", 3))
        p += 3;
    p = scan_space(p, end);
    if (p >= end || *p++ != '{')
        return 0;
    for (;;) {                       /* the keys before "tables" */
        const char *key;
        p = scan_space(p, end);
        if (p >= end || *p != '"' || !(close = memchr(p + 1, '"', (size_t)(end - p - 1))))
            return 0;
        key = p + 1;
        p = scan_space(close + 1, end);
        if (p >= end || *p++ != ':')
            return 0;
        p = scan_space(p, end);
        if (close - key == 6 && !memcmp(key, "tables", 6))
            break;
        if (!(p = scan_value(p, end)))
            return 0;
        p = scan_space(p, end);
        if (p >= end || *p++ != ',')
            return 0;
    }
    if (p >= end || *p++ != '[')
        return 0;
    for (;;) {
        p = scan_space(p, end);
        if (p < end && *p == ']')
            return 1;
        if (p >= end || *p != '{')
            return 0;
        if (same_table(u, m, start, p, end, &i) < 0)
            return -1;
        if (i >= 0) {
            old_at[i] = (size_t)(p - start);
            p += u->keep->at[2 * i + 1];
        } else if (!(p = scan_value(p, end))) {
            return 0;
        }
        give_back_to(&kept, p);
        p = scan_space(p, end);
        if (p < end && *p == ',')
            p++;
        else
            return p < end && *p == ']';
    }
}

/* to's table t by its name (to is finished: sorted), or -1. */
static int index_of(const tide_schema *to, const tide_table *t)
{
    int lo = 0, hi = to->ntables - 1;
    while (lo <= hi) {
        int mid = (lo + hi) / 2, c = strcmp(to->tables[mid]->schema ? to->tables[mid]->schema : "",
                                            t->schema ? t->schema : "");
        if (!c)
            c = strcmp(to->tables[mid]->name, t->name);
        if (!c)
            return to->tables[mid] == t ? mid : -1;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid - 1;
    }
    return -1;
}

/* Whether the foreign keys of t that name no columns (their columns are
 * the target's key, filled when read) point at tables unchanged too. */
static int keys_unchanged(const tide_schema *to, const tide_table *t, const size_t *old_at)
{
    int i, j;
    for (i = 0; i < t->nfks; i++) {
        const tide_table *ref;
        if (!t->fks[i].ref_key && t->fks[i].nref_columns)
            continue;
        ref = tide_schema_find_table(to, t->fks[i].ref_schema, t->fks[i].ref_table);
        if (!ref || (j = index_of(to, ref)) < 0 || old_at[j] == NONE)
            return 0;
    }
    return 1;
}

static int cmp_skips(const void *a, const void *b)
{
    const skip *x = a, *y = b;
    return (x->at > y->at) - (x->at < y->at);
}

/* u->skips: the elements of the old text [start, end) to leave unread.
 * 0, or -1 out of memory. */
static int find_unchanged(reuse *u, const char *start, const char *end, int mapped)
{
    table_map m = { NULL, 0 };
    size_t *old_at;
    int i, n = u->to->ntables;
    tide_snapshot_reuse *k = u->keep;
    int found;
    if (!(old_at = malloc(sizeof *old_at * ((size_t)n + 1))) || map_tables(&m, u->to) < 0 ||
        !(u->skips = malloc(sizeof *u->skips * ((size_t)n + 1))) ||
        !(u->taken = malloc(sizeof *u->taken * ((size_t)n + 1))) ||
        !(k->where = calloc((size_t)n + 1, 1)) || !(k->at = malloc(sizeof *k->at * (2 * (size_t)n + 1)))) {
        free(old_at);
        free(m.slot);
        return -1;
    }
    k->to = u->to;
    for (i = 0; i < n; i++)
        old_at[i] = NONE;
    if ((found = scan_tables(u, &m, start, end, mapped, old_at)) > 0)
        for (i = 0; i < n; i++)
            if (old_at[i] != NONE && keys_unchanged(u->to, u->to->tables[i], old_at)) {
                u->skips[u->nskips].at = old_at[i];
                u->skips[u->nskips].len = k->at[2 * i + 1];
                u->skips[u->nskips++].table = i;
            }
    qsort(u->skips, (size_t)u->nskips, sizeof *u->skips, cmp_skips);
    free(old_at);
    free(m.slot);
    tide_buf_free(&u->one);
    if (found <= 0)                  /* nothing to take from a text not followed: render all */
        memset(k->where, 0, (size_t)n);
    return found < 0 ? -1 : 0;
}

/* The element at r->p is one of u's: taken, not read. */
static int take_unchanged(reader *r)
{
    reuse *u = r->reuse;
    if (u->next >= u->nskips || next(r) != '{' || (size_t)(r->p - r->start) != u->skips[u->next].at)
        return 0;
    u->taken[u->ntaken++] = u->skips[u->next].table;
    r->p += u->skips[u->next++].len;
    give_back(r);
    return 1;
}

static int table_item(reader *r, void *ctx)
{
    int rc;
    (void)ctx;
    if (r->reuse && take_unchanged(r))
        return 0;
    rc = read_item(r, &table_shape, tide_schema_add_table(r->s, NULL, NULL), NULL);
    give_back(r);
    return rc;
}

/* The kind of an object, by its name in tide_object_kinds. */
static int read_kind(reader *r, const char *k, tide_object *o)
{
    const char *at;
    char known[600];
    int rc, i;
    if (next(r) != '"')
        return wrong_type(r, k, "a string");
    at = r->p;
    if ((rc = read_string(r)) < 0)
        return rc;
    if ((i = tide_object_kind_by_name(r->str.data)) >= 0) {
        o->kind = (tide_object_kind)i;
        return 0;
    }
    tide_object_kind_names(known, sizeof known, "");
    return fail(r, at, "unknown kind \"%s\" of an object (known: %s)", shown(r), known);
}

static const char *const object_keys[] = { "kind", "schema", "name", "table", "definition",
                                           "canonical", "reads", "comment", "with", "enabled",
                                           "columnComments", "replicaIdentity", "tableSchema",
                                           "columnDefaults", "rowLevelSecurity", "forceRowLevelSecurity",
                                           NULL };
enum { OBJECT_KIND, OBJECT_SCHEMA, OBJECT_NAME, OBJECT_TABLE, OBJECT_DEFINITION,
       OBJECT_CANONICAL, OBJECT_READS, OBJECT_COMMENT, OBJECT_WITH, OBJECT_ENABLED, OBJECT_COLUMN_COMMENTS,
       OBJECT_REPLICA_IDENTITY, OBJECT_TABLE_SCHEMA, OBJECT_COLUMN_DEFAULTS, OBJECT_ROW_SECURITY,
       OBJECT_FORCE_ROW_SECURITY };

static int object_field(reader *r, void *obj, int i, const char *k)
{
    tide_object *o = obj;
    switch (i) {
    case OBJECT_KIND: return read_kind(r, k, o);
    case OBJECT_SCHEMA: return read_text(r, k, 1, &o->schema);
    case OBJECT_NAME: return read_text(r, k, 0, &o->name);
    case OBJECT_TABLE: return read_text(r, k, 1, &o->table);
    case OBJECT_DEFINITION: return read_text(r, k, 0, &o->definition);
    case OBJECT_CANONICAL: return read_text(r, k, 1, &o->canonical);
    case OBJECT_READS:
        o->reads_given = 1;
        return read_strings(r, k, 0, &o->reads, &o->nreads);
    case OBJECT_WITH: return read_text(r, k, 1, &o->with);
    case OBJECT_ENABLED: return read_text(r, k, 1, &o->enabled);
    case OBJECT_COLUMN_COMMENTS: return read_strings(r, k, 1, &o->column_comments, &o->ncolumn_comments);
    case OBJECT_REPLICA_IDENTITY: return read_text(r, k, 1, &o->replica_identity);
    case OBJECT_TABLE_SCHEMA: return read_text(r, k, 1, &o->table_schema);
    case OBJECT_COLUMN_DEFAULTS: return read_strings(r, k, 1, &o->column_defaults, &o->ncolumn_defaults);
    case OBJECT_ROW_SECURITY: return read_flag(r, k, &o->row_security);
    case OBJECT_FORCE_ROW_SECURITY: return read_flag(r, k, &o->force_row_security);
    default: return read_text(r, k, 1, &o->comment);
    }
}

static const need object_needs[] = { { "name", NEED_TEXT, offsetof(tide_object, name) },
                                     { "kind", NEED_KEY, OBJECT_KIND },
                                     { "definition", NEED_TEXT, offsetof(tide_object, definition) }, { NULL, 0, 0 } };
static const shape object_shape = { "an object", "object", object_keys, object_field, offsetof(tide_object, name),
                                    object_needs };

static int object_item(reader *r, void *ctx)
{
    (void)ctx;
    return read_item(r, &object_shape, tide_schema_add_object(r->s, TIDE_OBJ_VIEW, NULL, NULL, NULL, NULL), NULL);
}

static const char *const enum_keys[] = { "schema", "name", "values", "comment", NULL };
enum { ENUM_VALUES = 2 };

static int enum_field(reader *r, void *obj, int i, const char *k)
{
    tide_enum *e = obj;
    if (i == 0)
        return read_text(r, k, 1, &e->schema);
    if (i == 1)
        return read_text(r, k, 0, &e->name);
    if (i == 3)
        return read_text(r, k, 1, &e->comment);
    return read_strings(r, k, 0, &e->values, &e->nvalues);
}

static const need enum_needs[] = { { "name", NEED_TEXT, offsetof(tide_enum, name) },
                                   { "values", NEED_KEY, ENUM_VALUES }, { NULL, 0, 0 } };
static const shape enum_shape = { "an enum", "enum", enum_keys, enum_field, offsetof(tide_enum, name), enum_needs };

static int enum_item(reader *r, void *ctx)
{
    (void)ctx;
    return read_item(r, &enum_shape, tide_schema_add_enum(r->s, NULL, NULL), NULL);
}

/* Whether f is "tide-snapshot/N" with N > 1: a format of a later tide. */
static int newer_format(const char *f)
{
    const char *n = f + strlen("tide-snapshot/");
    if (strncmp(f, "tide-snapshot/", strlen("tide-snapshot/")) || *n < '1' || *n > '9')
        return 0;
    if (strspn(n, "0123456789") != strlen(n))
        return 0;
    return strlen(n) > 1 || *n > '1';
}

static int read_format(reader *r, const char *k)
{
    const char *at;
    int rc;
    if (next(r) != '"')
        return wrong_type(r, k, "a string");
    at = r->p;
    if ((rc = read_string(r)) < 0)
        return rc;
    if (!strcmp(r->str.data, TIDE_SNAPSHOT_FORMAT))
        return 0;
    if (newer_format(r->str.data))
        return tide_err_set(r->err, TIDE_ECONFIG, "%s was written by a newer tide (format %s); "
                            "upgrade tide", r->name, shown(r));
    return fail(r, at, "unknown format \"%s\" (this tide reads \"" TIDE_SNAPSHOT_FORMAT "\")",
                shown(r));
}

static const char *const top_keys[] = { "format", "enums", "tables", "nocase", "objects", "declaredTypes",
                                        "definitions", "namespaces", "namespaceComments", NULL };
enum { TOP_FORMAT, TOP_ENUMS, TOP_TABLES, TOP_NOCASE, TOP_OBJECTS, TOP_DECLARED, TOP_DEFINITIONS,
       TOP_NAMESPACES, TOP_NS_COMMENTS };

static const char *const ns_comment_keys[] = { "name", "comment", NULL };

static int ns_comment_field(reader *r, void *obj, int i, const char *k)
{
    tide_ns_comment *c = obj;
    return read_text(r, k, 0, i == 0 ? &c->name : &c->comment);
}

static const need ns_comment_needs[] = { { "name", NEED_TEXT, offsetof(tide_ns_comment, name) },
                                         { "comment", NEED_TEXT, offsetof(tide_ns_comment, comment) }, { NULL, 0, 0 } };
static const shape ns_comment_shape = { "a namespace's comment", "namespace comment", ns_comment_keys,
                                        ns_comment_field, offsetof(tide_ns_comment, name), ns_comment_needs };

/* {"name": ..., "comment": ...}: COMMENT ON SCHEMA. */
static int ns_comment_item(reader *r, void *ctx)
{
    tide_ns_comment c = { NULL, NULL };
    int rc;
    (void)ctx;
    if ((rc = read_item(r, &ns_comment_shape, &c, NULL)) < 0)
        return rc;
    return tide_schema_set_namespace_comment(r->s, c.name, c.comment) < 0 ? out_of_memory(r) : 0;
}

static int top_field(reader *r, void *obj, int i, const char *k)
{
    (void)obj;
    if (i == TOP_FORMAT)
        return read_format(r, k);
    if (i == TOP_NOCASE)
        return read_flag(r, k, &r->s->nocase);
    if (i == TOP_OBJECTS)
        return read_list(r, k, 1, object_item, NULL);
    if (i == TOP_DECLARED)
        return read_flag(r, k, &r->s->declared_types);
    if (i == TOP_DEFINITIONS)
        return read_text(r, k, 0, &r->s->digest);
    if (i == TOP_NAMESPACES)
        return read_strings(r, k, 1, &r->s->namespaces, &r->s->nnamespaces);
    if (i == TOP_NS_COMMENTS)
        return read_list(r, k, 1, ns_comment_item, NULL);
    return read_list(r, k, i == TOP_ENUMS, i == TOP_ENUMS ? enum_item : table_item, NULL);
}

static const shape top_shape = { "the snapshot", "snapshot", top_keys, top_field, 0, NULL };

static int read_document(reader *r)
{
    const char *at;
    unsigned seen;
    int rc;
    if (r->end - r->p >= 3 && !memcmp(r->p, "\xef\xbb\xbf", 3))
        r->p += 3;                 /* a byte order mark, left by some editors */
    if (!next(r))
        return fail(r, r->p, "the file is empty");
    if ((rc = read_object(r, &top_shape, NULL, &seen, &at)) < 0)
        return rc;
    if (!(seen & 1u << TOP_FORMAT))
        return fail(r, at, "no \"format\" key: this is not a tide snapshot");
    if (!(seen & 1u << TOP_TABLES))
        return missing(r, at, &top_shape, NULL, "tables");
    if (next(r))
        return fail(r, r->p, "unexpected text after the end of the snapshot");
    return 0;
}

static int cmp_int(const void *a, const void *b)
{
    return (*(const int *)a > *(const int *)b) - (*(const int *)a < *(const int *)b);
}

/* s finished, with the tables u took (1: they cannot be taken, see
 * tide_schema_finish_adopting). */
static int finish(reader *r, reuse *u)
{
    tide_table **tables;
    int i, rc;
    if (!u || !u->ntaken)
        return tide_schema_finish(r->s, r->err);
    if (!(tables = malloc(sizeof *tables * (size_t)u->ntaken)))
        return out_of_memory(r);
    qsort(u->taken, (size_t)u->ntaken, sizeof *u->taken, cmp_int);     /* in to's order */
    for (i = 0; i < u->ntaken; i++)
        tables[i] = u->to->tables[u->taken[i]];
    rc = tide_schema_finish_adopting(r->s, u->to, tables, u->ntaken, r->err);
    free(tables);
    return rc;
}

/* The snapshot text into *out; mapped: text is a file's mapping (its
 * passed pages are given back as the tables are read); u: the tables to
 * leave unread (NULL: none). 1 when u's tables cannot be taken: read it
 * again without. */
static int parse(tide_schema **out, const char *text, size_t len, const char *name, int mapped, reuse *u,
                 tide_err *err)
{
    reader r = { text, text, text + len, name, NULL, TIDE_BUF_INIT, "", err, mapped ? text : NULL, u };
    char before[300];
    int rc;
    *out = NULL;
    if (!text)
        r.start = r.p = r.end = "";
    if (!name)
        r.name = name = "snapshot";
    if (!(r.s = tide_schema_new()) || tide_buf_grow(&r.str, 255) < 0) {     /* room for most strings */
        rc = out_of_memory(&r);
        goto done;
    }
    if ((rc = read_document(&r)) < 0 || (rc = finish(&r, u)) > 0)
        goto done;
    if (rc < 0) {
        snprintf(before, sizeof before, "%s: ", name);
        tide_err_wrap(err, before, rc == TIDE_ENOMEM ? "" : " (" CORRUPT ")");
        goto done;
    }
    *out = r.s;
    r.s = NULL;
done:
    tide_schema_free(r.s);
    tide_buf_free(&r.str);
    return rc;
}

int tide_snapshot_parse(tide_schema **out, const char *text, size_t len, const char *name,
                        tide_err *err)
{
    return parse(out, text, len, name, 0, NULL, err);
}

/* parse, leaving the tables of u->to that did not change unread. */
static int parse_against(tide_schema **out, const char *text, size_t len, const char *name, int mapped,
                         reuse *u, tide_err *err)
{
    int rc;
    if (!u)
        return parse(out, text, len, name, mapped, NULL, err);
    if (find_unchanged(u, text ? text : "", text ? text + len : "", mapped) < 0)
        return tide_err_set(err, TIDE_ENOMEM, "out of memory reading %s", name);
    if ((rc = parse(out, text, len, name, mapped, u, err)) == 1) {
        u->ntaken = 0;
        rc = parse(out, text, len, name, mapped, NULL, err);
    }
    return rc;
}

/* A large snapshot is mapped rather than read into memory (see give_back):
 * 0 or a tide_code; 1 when it is not (small, or mmap refused): then it is read. */
/* Whether u notes a table's text in the old snapshot (to be kept). */
static int keeps_old(const reuse *u)
{
    int i;
    for (i = 0; u && u->keep->where && i < u->to->ntables; i++)
        if (u->keep->where[i] == 1)
            return 1;
    return 0;
}

static int parse_mapped(tide_schema **out, const char *path, reuse *u, tide_err *err)
{
    struct stat st;
    void *text;
    int fd = open(path, O_RDONLY | O_CLOEXEC), rc;
    if (fd < 0)
        return 1;
    if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || st.st_size < (off_t)4 << 20 ||
        (text = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0)) == MAP_FAILED) {
        close(fd);
        return 1;
    }
    close(fd);
    madvise(text, (size_t)st.st_size, MADV_SEQUENTIAL);
    rc = parse_against(out, text, (size_t)st.st_size, path, 1, u, err);
    if (rc == 0 && keeps_old(u)) {   /* the text of tables to write again: kept */
        u->keep->old = text;
        u->keep->old_len = (size_t)st.st_size;
        u->keep->mapped = 1;
    } else {
        munmap(text, (size_t)st.st_size);
    }
    return rc;
}

static int read_path(tide_schema **out, const char *path, reuse *u, tide_err *err)
{
    tide_buf text = TIDE_BUF_INIT;
    struct stat st;
    int rc;
    *out = NULL;
    if ((rc = parse_mapped(out, path, u, err)) <= 0)
        return rc;
    if ((rc = tide_file_read(path, &text, err)) < 0) {
        if (stat(path, &st) < 0 && errno == ENOENT)
            rc = tide_err_set(err, TIDE_EIO, "no snapshot at %s", path);
        goto done;
    }
    rc = parse_against(out, text.data, text.len, path, 0, u, err);
    if (rc == 0 && keeps_old(u)) {
        u->keep->old_len = text.len;
        u->keep->old = tide_buf_detach(&text);
    }
done:
    tide_buf_free(&text);
    return rc;
}

int tide_snapshot_read(tide_schema **out, const char *path, tide_err *err)
{
    return read_path(out, path, NULL, err);
}

int tide_snapshot_read_against(tide_schema **out, const char *path, const tide_schema *to,
                               tide_snapshot_reuse *keep, int *unchanged, tide_err *err)
{
    reuse u;
    int rc;
    memset(&u, 0, sizeof u);
    memset(keep, 0, sizeof *keep);
    u.to = to;
    u.keep = keep;
    u.one = (tide_buf)TIDE_BUF_INIT;
    rc = read_path(out, path, &u, err);
    if (unchanged)
        *unchanged = rc == 0 ? u.ntaken : 0;
    free(u.skips);
    free(u.taken);
    tide_buf_free(&u.one);
    if (rc < 0)
        tide_snapshot_reuse_free(keep);
    return rc;
}

int tide_snapshot_read_digest(const char *path, char *out, size_t size)
{
    static const char head[] = "{\n  \"format\": \"" TIDE_SNAPSHOT_FORMAT "\",\n  \"definitions\": \"";
    char buf[256];
    size_t n, len;
    FILE *f = fopen(path, "rb");
    out[0] = '\0';
    if (!f)
        return 0;
    n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    if (strncmp(buf, head, sizeof head - 1))
        return 0;
    len = strcspn(buf + sizeof head - 1, "\"\n");
    if (buf[sizeof head - 1 + len] != '"' || len == 0 || len >= size)
        return 0;
    memcpy(out, buf + sizeof head - 1, len);
    out[len] = '\0';
    return 1;
}

int tide_snapshot_set_digest(const char *path, const char *digest, tide_err *err)
{
    static const char head[] = "{\n  \"format\": \"" TIDE_SNAPSHOT_FORMAT "\",\n";
    static const char key[] = "  \"definitions\": \"";
    tide_buf text = TIDE_BUF_INIT, out = TIDE_BUF_INIT;
    const char *rest;
    int rc;
    if ((rc = tide_file_read(path, &text, err)) < 0)
        return rc;
    if (text.len < sizeof head - 1 || strncmp(text.data, head, sizeof head - 1)) {
        tide_buf_free(&text);
        return tide_err_set(err, TIDE_ECONFIG, "%s does not start as a tide snapshot does; "
                            "regenerate it (tide migration:create)", path);
    }
    rest = text.data + sizeof head - 1;
    if (!strncmp(rest, key, sizeof key - 1))          /* the line it replaces */
        rest += strcspn(rest, "\n") + (rest[strcspn(rest, "\n")] == '\n');
    if (tide_buf_add(&out, text.data, sizeof head - 1) < 0 ||
        tide_buf_printf(&out, "%s%s\",\n", key, digest) < 0 || tide_buf_puts(&out, rest) < 0)
        rc = tide_err_set(err, TIDE_ENOMEM, "out of memory");
    else
        rc = tide_file_write_atomic(path, out.data, out.len, 0, err);
    tide_buf_free(&text);
    tide_buf_free(&out);
    return rc;
}
