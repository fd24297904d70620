/* model.c — the schema model: an arena for its strings, the builder, the
 * canonical forms (types, expressions, generated names) applied by
 * tide_schema_finish, validation, and lookups. Canonicalisation lives here,
 * once, so that the DSL, snapshots and introspection agree by construction. */
#include "model/model.h"
#include "core/strset.h"

#include <ctype.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- arena ------------------------------------------------------------ */

typedef struct chunk {
    struct chunk *next;
    size_t used, cap;
    char data[];
} chunk;

struct tide_arena {
    chunk *head;
    int failed;           /* an allocation failed: finish reports it */
};

static void *arena_alloc(tide_arena *a, size_t n)
{
    chunk *c = a->head;
    n = (n + 7) & ~(size_t)7;
    if (!c || c->used + n > c->cap) {
        size_t cap = n > 65536 ? n : 65536;
        if (!(c = malloc(sizeof *c + cap))) {
            a->failed = 1;
            return NULL;
        }
        c->next = a->head;
        c->used = 0;
        c->cap = cap;
        a->head = c;
    }
    c->used += n;
    return c->data + c->used - n;
}

char *tide_schema_strn(tide_schema *s, const char *str, size_t n)
{
    char *p;
    if (!str)
        return NULL;
    if (!(p = arena_alloc(s->arena, n + 1)))
        return NULL;
    memcpy(p, str, n);
    p[n] = '\0';
    return p;
}

char *tide_schema_str(tide_schema *s, const char *str)
{
    return str ? tide_schema_strn(s, str, strlen(str)) : NULL;
}

/* ---- building ----------------------------------------------------------- */

tide_schema *tide_schema_new(void)
{
    tide_schema *s = calloc(1, sizeof *s);
    if (s && !(s->arena = calloc(1, sizeof *s->arena))) {
        free(s);
        return NULL;
    }
    return s;
}

static void table_free(tide_table *t)
{
    free(t->columns);
    free(t->uniques);
    free(t->indexes);
    free(t->fks);
    free(t->checks);
}

static int cmp_address(const void *a, const void *b)
{
    uintptr_t x = (uintptr_t)*(void *const *)a, y = (uintptr_t)*(void *const *)b;
    return (x > y) - (x < y);
}

void tide_schema_free(tide_schema *s)
{
    chunk *c, *next;
    int i;
    if (!s)
        return;
    for (i = 0; i < s->ntables; i++)
        if (!s->nborrowed || !bsearch(&s->tables[i], s->borrowed, (size_t)s->nborrowed, sizeof *s->borrowed,
                                      cmp_address))
            table_free(s->tables[i]);     /* the tables themselves live in the arena */
    free(s->tables);
    free(s->borrowed);
    free(s->enums);
    free(s->objects);
    free(s->ns_comments);
    for (c = s->arena ? s->arena->head : NULL; c; c = next) {
        next = c->next;
        free(c);
    }
    free(s->arena);
    free(s);
}

/* Lists keep no capacity field: it is implied by the count (first, then
 * powers of two; first a power of two), so a list is full exactly when its
 * count is 0 or such a power. A table's columns start at 4; its keys,
 * indexes, foreign keys and checks at 1: most tables have one or two of
 * each, and four of a 104-byte foreign key for one was a fifth of a large
 * schema's model. */
#define FIRST_ITEMS 4
#define FIRST_TABLE_ITEMS 1

static int list_full(int n, int first)
{
    return n == 0 || (n >= first && (n & (n - 1)) == 0);
}

/* Grows *items (each size bytes) by one zeroed item; NULL when out of memory. */
static void *grow_from(tide_schema *s, void **items, int *n, size_t size, int first)
{
    char *p;
    if (list_full(*n, first)) {
        size_t want = *n ? (size_t)*n * 2 : (size_t)first;
        if (!(p = realloc(*items, want * size))) {
            s->arena->failed = 1;
            return NULL;
        }
        *items = p;
    }
    p = (char *)*items + (size_t)*n * size;
    memset(p, 0, size);
    (*n)++;
    return p;
}

static void *grow(tide_schema *s, void **items, int *n, size_t size)
{
    return grow_from(s, items, n, size, FIRST_ITEMS);
}

int tide_strv_push(tide_schema *s, char ***v, int *n, const char *str)
{
    char *copy = tide_schema_str(s, str);
    if (!copy)
        return TIDE_ENOMEM;
    /* string lists live in the arena; a full one moves to twice the room */
    if (list_full(*n, FIRST_ITEMS)) {
        size_t want = *n ? (size_t)*n * 2 : FIRST_ITEMS;
        char **grown = arena_alloc(s->arena, sizeof *grown * want);
        if (!grown)
            return TIDE_ENOMEM;
        if (*n)
            memcpy(grown, *v, sizeof *grown * (size_t)*n);
        *v = grown;
    }
    (*v)[(*n)++] = copy;
    return 0;
}

tide_table *tide_schema_add_table(tide_schema *s, const char *schema, const char *name)
{
    tide_table *t = arena_alloc(s->arena, sizeof *t), **slot;
    if (!t)
        return NULL;
    memset(t, 0, sizeof *t);
    if (!(slot = grow(s, (void **)&s->tables, &s->ntables, sizeof *slot)))
        return NULL;
    *slot = t;
    t->nocase = s->nocase;
    t->schema = tide_schema_str(s, schema);
    t->name = tide_schema_str(s, name);
    s->finished = 0;
    return t;
}

tide_table *tide_schema_take_last_table(tide_schema *s)
{
    return s->ntables ? s->tables[--s->ntables] : NULL;
}

int tide_schema_put_table(tide_schema *s, tide_table *t)
{
    tide_table **slot = grow(s, (void **)&s->tables, &s->ntables, sizeof *slot);
    if (!slot)
        return TIDE_ENOMEM;
    *slot = t;
    s->finished = 0;
    return 0;
}

void tide_table_free(tide_table *t)
{
    if (t)
        table_free(t);
}

tide_enum *tide_schema_add_enum(tide_schema *s, const char *schema, const char *name)
{
    tide_enum *e = grow(s, (void **)&s->enums, &s->nenums, sizeof *e);
    if (!e)
        return NULL;
    e->schema = tide_schema_str(s, schema);
    e->name = tide_schema_str(s, name);
    s->finished = 0;
    return e;
}

int tide_schema_set_namespace_comment(tide_schema *s, const char *ns, const char *comment)
{
    tide_ns_comment *c = NULL;
    int i;
    for (i = 0; i < s->nns_comments && !c; i++)
        if (!strcmp(s->ns_comments[i].name, ns))
            c = &s->ns_comments[i];
    if (!c && (!(c = grow(s, (void **)&s->ns_comments, &s->nns_comments, sizeof *c)) ||
               !(c->name = tide_schema_str(s, ns)) || tide_strv_push(s, &s->namespaces, &s->nnamespaces, ns) < 0))
        return TIDE_ENOMEM;
    if (comment && !(c->comment = tide_schema_str(s, comment)))
        return TIDE_ENOMEM;
    s->finished = 0;
    return 0;
}

const char *tide_schema_namespace_comment(const tide_schema *s, const char *ns)
{
    int i;
    for (i = 0; ns && i < s->nns_comments; i++)
        if (!strcmp(s->ns_comments[i].name, ns))
            return s->ns_comments[i].comment;
    return NULL;
}

int tide_enum_add_value(tide_schema *s, tide_enum *e, const char *value)
{
    return tide_strv_push(s, &e->values, &e->nvalues, value);
}

tide_column *tide_table_add_column(tide_schema *s, tide_table *t, const char *name, const char *type)
{
    tide_column *c = grow(s, (void **)&t->columns, &t->ncolumns, sizeof *c);
    if (!c)
        return NULL;
    c->name = tide_schema_str(s, name);
    c->type = tide_schema_str(s, type);
    return c;
}

/* The room a list of n items has (grow's: 4, then powers of two). */
static size_t list_room(int n)
{
    size_t room = FIRST_ITEMS;
    if (n <= 0)
        return 0;
    while (room < (size_t)n)
        room *= 2;
    return room;
}

tide_column *tide_table_add_columns(tide_schema *s, tide_table *t, int n)
{
    size_t room = list_room(t->ncolumns + n);
    tide_column *first;
    if (n <= 0)
        return NULL;
    if (room > list_room(t->ncolumns)) {
        tide_column *p = realloc(t->columns, room * sizeof *p);
        if (!p) {
            s->arena->failed = 1;
            return NULL;
        }
        t->columns = p;
    }
    first = &t->columns[t->ncolumns];
    memset(first, 0, (size_t)n * sizeof *first);
    t->ncolumns += n;
    return first;
}

int tide_table_add_pk_column(tide_schema *s, tide_table *t, const char *column)
{
    return tide_strv_push(s, &t->pk, &t->npk, column);
}

int tide_table_pk_desc(const tide_table *t, const char *column)
{
    int i;
    for (i = 0; i < t->npk_desc; i++)
        if (tide_model_same_name(t->nocase, t->pk_desc[i], column))
            return 1;
    return 0;
}

tide_unique *tide_table_add_unique(tide_schema *s, tide_table *t, const char *name)
{
    tide_unique *u = grow_from(s, (void **)&t->uniques, &t->nuniques, sizeof *u, FIRST_TABLE_ITEMS);
    if (u) {
        u->name = tide_schema_str(s, name);
        u->pos = t->nuniques - 1;
    }
    return u;
}

/* The k-th of n items (size bytes each, their int position at offset pos)
 * in the order declared: by position, then by place in the list. */
static const void *declared_item(const void *items, int n, size_t size, size_t pos, int k)
{
    const char *base = items;
    int i, j, before;
#define POS(x) (*(const int *)(const void *)(base + (size_t)(x) * size + pos))
    for (i = 0; i < n; i++) {
        for (before = 0, j = 0; j < n; j++)
            before += POS(j) < POS(i) || (POS(j) == POS(i) && j < i);
        if (before == k)
            return base + (size_t)i * size;
    }
#undef POS
    return base + (size_t)k * size;
}

const tide_unique *tide_table_declared_unique(const tide_table *t, int k)
{
    return declared_item(t->uniques, t->nuniques, sizeof *t->uniques, offsetof(tide_unique, pos), k);
}

tide_index *tide_table_add_index(tide_schema *s, tide_table *t, const char *name)
{
    tide_index *ix = grow_from(s, (void **)&t->indexes, &t->nindexes, sizeof *ix, FIRST_TABLE_ITEMS);
    if (ix)
        ix->name = tide_schema_str(s, name);
    return ix;
}

tide_fk *tide_table_add_fk(tide_schema *s, tide_table *t, const char *name)
{
    tide_fk *fk = grow_from(s, (void **)&t->fks, &t->nfks, sizeof *fk, FIRST_TABLE_ITEMS);
    if (fk) {
        fk->name = tide_schema_str(s, name);
        fk->pos = t->nfks - 1;
    }
    return fk;
}

const tide_fk *tide_table_declared_fk(const tide_table *t, int k)
{
    return declared_item(t->fks, t->nfks, sizeof *t->fks, offsetof(tide_fk, pos), k);
}

tide_check *tide_table_add_check(tide_schema *s, tide_table *t, const char *name, const char *expr)
{
    tide_check *ck = grow_from(s, (void **)&t->checks, &t->nchecks, sizeof *ck, FIRST_TABLE_ITEMS);
    if (ck) {
        ck->name = tide_schema_str(s, name);
        ck->expr = tide_schema_str(s, expr);
    }
    return ck;
}

/* ---- objects beside tables ------------------------------------------------- */

const tide_object_kind_info tide_object_kinds[TIDE_NOBJECT_KINDS] = {
    [TIDE_OBJ_EXTENSION]     = { "extension", "extensions",
                                 TIDE_OBJK_BEFORE_TABLES | TIDE_OBJK_ALTERABLE | TIDE_OBJK_TYPE,
                                 "the namespace it lives in: \"schema public\"" },
    [TIDE_OBJ_COLLATION]     = { "collation", "collations",
                                 TIDE_OBJK_BEFORE_TABLES | TIDE_OBJK_ALTERABLE | TIDE_OBJK_TYPE,
                                 "its options as CREATE COLLATION takes them: "
                                 "\"provider = icu, locale = 'und-u-ks-level2', deterministic = false\"" },
    [TIDE_OBJ_TS_DICTIONARY] = { "text search dictionary", "text search dictionaries",
                                 TIDE_OBJK_BEFORE_TABLES | TIDE_OBJK_ALTERABLE | TIDE_OBJK_TYPE,
                                 "its template and options as CREATE TEXT SEARCH DICTIONARY takes "
                                 "them: \"template = simple, stopwords = 'english'\"" },
    [TIDE_OBJ_TS_CONFIGURATION] = { "text search configuration", "text search configurations",
                                 TIDE_OBJK_BEFORE_TABLES | TIDE_OBJK_ALTERABLE | TIDE_OBJK_TYPE,
                                 "its parser or the configuration it copies, then its mappings, one "
                                 "clause each: \"copy = english; alter mapping for asciiword, word "
                                 "with unaccent, english_stem\" (as read: \"parser = \"default\"; "
                                 "mapping for asciiword with english_stem; ...\")" },
    [TIDE_OBJ_DOMAIN]        = { "domain", "domains",
                                 TIDE_OBJK_BEFORE_TABLES | TIDE_OBJK_ALTERABLE | TIDE_OBJK_TYPE,
                                 "what follows CREATE DOMAIN name AS: \"integer not null check (value > 0)\"" },
    [TIDE_OBJ_COMPOSITE]     = { "type", "types",
                                 TIDE_OBJK_BEFORE_TABLES | TIDE_OBJK_ALTERABLE | TIDE_OBJK_TYPE,
                                 "a composite type's attributes: \"x double precision, y double precision\"" },
    [TIDE_OBJ_RANGE]         = { "range type", "range types",
                                 TIDE_OBJK_BEFORE_TABLES | TIDE_OBJK_ALTERABLE | TIDE_OBJK_TYPE,
                                 "what CREATE TYPE ... AS RANGE takes within its parentheses: "
                                 "\"subtype = double precision, subtype_diff = float8mi\"" },
    [TIDE_OBJ_SEQUENCE]      = { "sequence", "sequences", TIDE_OBJK_BEFORE_TABLES | TIDE_OBJK_ALTERABLE,
                                 "its options as CREATE SEQUENCE takes them (\"as bigint start with 10\")" },
    [TIDE_OBJ_FUNCTION]      = { "function", "functions", TIDE_OBJK_BEFORE_TABLES | TIDE_OBJK_ALTERABLE,
                                 "the whole CREATE FUNCTION / PROCEDURE statement" },
    [TIDE_OBJ_AGGREGATE]     = { "aggregate", "aggregates", TIDE_OBJK_BEFORE_TABLES | TIDE_OBJK_ALTERABLE,
                                 "the whole CREATE AGGREGATE statement" },
    [TIDE_OBJ_OPERATOR]      = { "operator", "operators", TIDE_OBJK_BEFORE_TABLES | TIDE_OBJK_ALTERABLE,
                                 "what CREATE OPERATOR takes within its parentheses: \"function = "
                                 "eq_abs, leftarg = integer, rightarg = integer, commutator = ===\" (an "
                                 "overloaded name is made unique with its argument types: \"===(integer, "
                                 "integer)\")" },
    [TIDE_OBJ_OPFAMILY]      = { "operator family", "operator families",
                                 TIDE_OBJK_BEFORE_TABLES | TIDE_OBJK_ALTERABLE,
                                 "its index method, then the members it holds outside its classes as "
                                 "ALTER OPERATOR FAMILY ... ADD takes them: \"using btree add operator 1 "
                                 "<(integer,bigint), function 1 (integer, bigint) btint48cmp(integer,bigint)\"" },
    [TIDE_OBJ_OPCLASS]       = { "operator class", "operator classes", TIDE_OBJK_BEFORE_TABLES,
                                 "what CREATE OPERATOR CLASS takes after its name: \"default for type "
                                 "point2 using btree as operator 1 <<<(point2,point2), function 1 "
                                 "point2_cmp(point2,point2)\"" },
    [TIDE_OBJ_CAST]          = { "cast", "casts", TIDE_OBJK_BEFORE_TABLES,
                                 "what CREATE CAST takes after its types, the name being \"source as "
                                 "target\": \"with function to_point2(text) as implicit\", \"with "
                                 "inout as assignment\", \"without function\" (a cast belongs to the "
                                 "database, not to a namespace)" },
    [TIDE_OBJ_FOREIGN_WRAPPER] = { "foreign data wrapper", "foreign data wrappers",
                                 TIDE_OBJK_BEFORE_TABLES | TIDE_OBJK_ALTERABLE,
                                 "what CREATE FOREIGN DATA WRAPPER takes after its name: \"handler "
                                 "my_handler validator my_validator options (debug 'true')\", \"no handler\" "
                                 "(a wrapper belongs to the database, not to a namespace)" },
    [TIDE_OBJ_FOREIGN_SERVER] = { "foreign server", "foreign servers",
                                 TIDE_OBJK_BEFORE_TABLES | TIDE_OBJK_ALTERABLE | TIDE_OBJK_ALTER_REDOES,
                                 "what CREATE SERVER takes after its name: \"type 'pg' version '15' "
                                 "foreign data wrapper postgres_fdw options (dbname 'app', host 'db1')\" "
                                 "(a server belongs to the database, not to a namespace)" },
    [TIDE_OBJ_VIRTUAL_TABLE] = { "virtual table", "virtual tables", TIDE_OBJK_HOLDS_DATA,
                                 "the module and its arguments: \"fts5(title, body)\"" },
    [TIDE_OBJ_PARTITION]     = { "partition", "partitions",
                                 TIDE_OBJK_ON_TABLE | TIDE_OBJK_HOLDS_DATA | TIDE_OBJK_ALTERABLE,
                                 "its bound: \"for values from ('2024-01-01') to ('2025-01-01')\", "
                                 "\"for values in ('eu')\", \"default\"" },
    [TIDE_OBJ_PARTITION_INDEX] = { "partition index", "partition indexes", TIDE_OBJK_READS,
                                 "the whole CREATE INDEX statement of an index of one partition only (it "
                                 "reads its partition: goes with it)" },
    [TIDE_OBJ_PARTITION_CONSTRAINT] = { "partition constraint", "partition constraints", TIDE_OBJK_ON_TABLE,
                                 "a constraint of one partition only (its table), as the database prints "
                                 "it: \"CHECK ((amount > 0))\", \"UNIQUE (id)\"" },
    [TIDE_OBJ_ATTACHED_INDEX] = { "attached index", "attached indexes",
                                 TIDE_OBJK_ON_TABLE | TIDE_OBJK_READS | TIDE_OBJK_ALTERABLE,
                                 "the index, primary key or unique constraint of the partitioned table "
                                 "whose copy on its table (the partition) bears the object's name rather "
                                 "than the one PostgreSQL gives it: \"event_at_idx\"" },
    [TIDE_OBJ_FOREIGN_TABLE] = { "foreign table", "foreign tables",
                                 TIDE_OBJK_READS | TIDE_OBJK_ALTERABLE | TIDE_OBJK_ALTER_REDOES,
                                 "what CREATE FOREIGN TABLE takes after its name: its columns, then "
                                 "its server and options: \"(id integer not null, name text options "
                                 "(column_name 'nm') default '') server films options (table_name 'film')\"" },
    [TIDE_OBJ_VIEW]          = { "view", "views", TIDE_OBJK_READS, "the query" },
    [TIDE_OBJ_MATVIEW]       = { "materialized view", "materialized views",
                                 TIDE_OBJK_READS | TIDE_OBJK_HOLDS_DATA, "the query" },
    [TIDE_OBJ_MATVIEW_INDEX] = { "materialized view index", "materialized view indexes", TIDE_OBJK_READS,
                                 "the whole CREATE INDEX statement (it reads its materialized view: "
                                 "created again with it)" },
    [TIDE_OBJ_TRIGGER]       = { "trigger", "triggers", TIDE_OBJK_ON_TABLE | TIDE_OBJK_READS,
                                 "the whole CREATE TRIGGER statement" },
    [TIDE_OBJ_RULE]          = { "rule", "rules", TIDE_OBJK_ON_TABLE | TIDE_OBJK_READS,
                                 "the whole CREATE RULE statement (a rewrite rule of a table or a view)" },
    [TIDE_OBJ_POLICY]        = { "policy", "policies", TIDE_OBJK_ON_TABLE | TIDE_OBJK_READS,
                                 "the whole CREATE POLICY statement" },
    [TIDE_OBJ_STATISTICS]    = { "statistics", "statistics", TIDE_OBJK_ON_TABLE | TIDE_OBJK_READS,
                                 "the whole CREATE STATISTICS statement (extended statistics on its "
                                 "table's columns or expressions)" },
    [TIDE_OBJ_EXCLUSION]     = { "exclusion constraint", "exclusion constraints", TIDE_OBJK_ON_TABLE,
                                 "the constraint as the database prints it: "
                                 "\"EXCLUDE USING gist (room WITH =, during WITH &&)\"" },
    [TIDE_OBJ_SEQUENCE_OWNER] = { "sequence owner", "sequence owners", TIDE_OBJK_ON_TABLE,
                                 "the column of its table that owns the sequence of the same name "
                                 "(OWNED BY: dropped with the column): \"number\"" },
    [TIDE_OBJ_PUBLICATION]   = { "publication", "publications", TIDE_OBJK_ALTERABLE | TIDE_OBJK_READS,
                                 "what CREATE PUBLICATION takes after its name: \"for table orders, "
                                 "customers (id, email) where (...), tables in schema billing with "
                                 "(publish = 'insert, update')\", \"for all tables\" (a publication "
                                 "belongs to the database, not to a namespace)" },
    [TIDE_OBJ_EVENT_TRIGGER] = { "event trigger", "event triggers", TIDE_OBJK_READS,
                                 "what CREATE EVENT TRIGGER takes after its name: \"on ddl_command_end "
                                 "when tag in ('CREATE TABLE') execute function f()\" (created last, "
                                 "dropped first, so that it does not fire on the plan's own statements)" },
};

void tide_object_kind_names(char *out, size_t cap, const char *quote)
{
    size_t len = 0;
    int k;
    if (cap)
        out[0] = '\0';
    for (k = 0; k < TIDE_NOBJECT_KINDS && len < cap; k++)
        len += (size_t)snprintf(out + len, cap - len, "%s%s%s%s", k ? ", " : "", quote,
                                tide_object_kinds[k].name, quote);
}

int tide_object_kind_by_name(const char *name)
{
    int k;
    if (!name)
        return -1;
    if (!strcmp(name, "matview"))
        return TIDE_OBJ_MATVIEW;
    if (!strcmp(name, "virtual_table"))
        return TIDE_OBJ_VIRTUAL_TABLE;
    for (k = 0; k < TIDE_NOBJECT_KINDS; k++)
        if (!strcmp(tide_object_kinds[k].name, name))
            return k;
    return -1;
}

tide_object *tide_schema_add_object(tide_schema *s, tide_object_kind kind, const char *schema,
                                    const char *name, const char *table, const char *definition)
{
    tide_object *o = grow(s, (void **)&s->objects, &s->nobjects, sizeof *o);
    if (!o)
        return NULL;
    o->kind = kind;
    o->schema = tide_schema_str(s, schema);
    o->name = tide_schema_str(s, name);
    o->table = tide_schema_str(s, table);
    o->definition = tide_schema_str(s, definition);
    s->finished = 0;
    return o;
}

/* ---- canonical types ----------------------------------------------------- */

/* Lowercased, trimmed, single spaces, no spaces around parentheses/commas;
 * a quoted name ("Box", a type of that exact spelling) kept as it is. */
static int fold_spaces(const char *in, tide_buf *out)
{
    int pending = 0, quoted = 0;
    const char *p;
    tide_buf_reset(out);
    for (p = in; *p; p++) {
        unsigned char ch = (unsigned char)*p;
        if (ch == '"')
            quoted = !quoted;
        if (quoted || ch == '"') {
            if ((pending && tide_buf_putc(out, ' ') < 0) || tide_buf_putc(out, (char)ch) < 0)
                return TIDE_ENOMEM;
            pending = 0;
            continue;
        }
        if (isspace(ch)) {
            pending = out->len > 0;
            continue;
        }
        if (pending && !strchr("(),[", ch) && !(out->len && strchr("(,", out->data[out->len - 1])))
            if (tide_buf_putc(out, ' ') < 0)
                return TIDE_ENOMEM;
        pending = 0;
        if (tide_buf_putc(out, (char)tolower(ch)) < 0)
            return TIDE_ENOMEM;
    }
    return tide_buf_putc(out, '\0') < 0 ? TIDE_ENOMEM : (out->len--, 0);
}

static const struct { const char *alias, *canonical; } type_aliases[] = {
    {"int", "integer"}, {"int4", "integer"}, {"integer", "integer"},
    {"int2", "smallint"}, {"smallint", "smallint"},
    {"int8", "bigint"}, {"bigint", "bigint"},
    {"bool", "boolean"}, {"boolean", "boolean"},
    {"float4", "real"}, {"real", "real"},
    {"float8", "double"}, {"double precision", "double"}, {"double", "double"}, {"float", "double"},
    {"decimal", "numeric"}, {"numeric", "numeric"},
    {"character varying", "varchar"}, {"varchar", "varchar"},
    {"character", "char"}, {"char", "char"}, {"bpchar", "char"},
    {"text", "text"}, {"date", "date"},
    {"time", "time"}, {"time without time zone", "time"},
    {"timetz", "timetz"}, {"time with time zone", "timetz"},
    {"timestamp", "timestamp"}, {"timestamp without time zone", "timestamp"},
    {"timestamptz", "timestamptz"}, {"timestamp with time zone", "timestamptz"},
    {"json", "json"}, {"jsonb", "jsonb"}, {"uuid", "uuid"},
    {"bytea", "bytea"}, {"blob", "bytea"},
    {"bit varying", "varbit"}, {"varbit", "varbit"},
    {NULL, NULL}
};

int tide_model_canonical_type(const char *spelling, tide_buf *out)
{
    tide_buf folded = TIDE_BUF_INIT, words = TIDE_BUF_INIT, params = TIDE_BUF_INIT;
    const char *p, *canonical = NULL;
    int rc, i, arrays = 0;
    tide_buf_reset(out);
    if ((rc = fold_spaces(spelling ? spelling : "", &folded)) < 0)
        goto done;
    while (folded.len >= 2 && !strcmp(folded.data + folded.len - 2, "[]")) {
        folded.len -= 2;               /* integer[][] -> base, twice */
        folded.data[folded.len] = '\0';
        arrays++;
    }
    /* "timestamp(3) with time zone": the words without the (params), and the params */
    for (p = folded.data ? folded.data : ""; *p; p++) {
        if (*p == '(') {
            const char *close = strchr(p, ')');
            if (!close)
                break;
            rc = tide_buf_add(&params, p, (size_t)(close - p + 1));
            p = close;
        } else {
            rc = tide_buf_putc(&words, *p);
        }
        if (rc < 0)
            goto done;
    }
    while (words.len && words.data[words.len - 1] == ' ')
        words.data[--words.len] = '\0';
    for (i = 0; type_aliases[i].alias && words.data; i++)
        if (!strcmp(words.data, type_aliases[i].alias))
            canonical = type_aliases[i].canonical;
    if (canonical && !params.len && !strcmp(words.data, "bpchar")) {
        rc = tide_buf_puts(out, "bpchar");   /* bpchar without a length is unbounded, not char(1) */
    } else if (canonical) {
        rc = tide_buf_puts(out, canonical);
        if (rc == 0 && params.len && !strcmp(canonical, "numeric") && !strchr(params.data, ','))
            rc = tide_buf_printf(out, "%.*s,0)", (int)params.len - 1, params.data);   /* numeric(p) is numeric(p,0) */
        else if (rc == 0 && params.len)
            rc = tide_buf_add(out, params.data, params.len);
        else if (rc == 0 && !strcmp(canonical, "char"))
            rc = tide_buf_puts(out, "(1)");      /* char means char(1) */
    } else {
        rc = tide_buf_puts(out, folded.data ? folded.data : "");
    }
    for (i = 0; rc == 0 && i < arrays; i++)
        rc = tide_buf_puts(out, "[]");
done:
    tide_buf_free(&folded);
    tide_buf_free(&words);
    tide_buf_free(&params);
    return rc < 0 ? TIDE_ENOMEM : 0;
}

int tide_model_same_declared(const char *a, const char *b)
{
    tide_buf fa = TIDE_BUF_INIT, fb = TIDE_BUF_INIT;
    int same;
    if (!a || !b)
        return a == b;
    if (!strcmp(a, b))
        return 1;                            /* the same text folds the same */
    if (fold_spaces(a, &fa) < 0 || fold_spaces(b, &fb) < 0)
        same = !strcasecmp(a, b);            /* out of memory: case only */
    else
        same = !strcmp(fa.data ? fa.data : "", fb.data ? fb.data : "");
    tide_buf_free(&fa);
    tide_buf_free(&fb);
    return same;
}

/* ---- canonical expressions ------------------------------------------------ */

/* Does the '(' at open close at the last byte of s? */
static int wraps_whole(const char *s, size_t len)
{
    size_t i;
    int depth = 0;
    char quote = 0;
    if (len < 2 || s[0] != '(' || s[len - 1] != ')')
        return 0;
    for (i = 0; i < len; i++) {
        char ch = s[i];
        if (quote) {
            if (ch == quote) quote = 0;
            continue;
        }
        if (ch == '\'' || ch == '"') quote = ch;
        else if (ch == '(') depth++;
        else if (ch == ')' && --depth == 0 && i != len - 1) return 0;
    }
    return 1;
}

int tide_model_canonical_expr(const char *expr, tide_buf *out)
{
    const char *p;
    char quote = 0;
    int space = 0;
    size_t start = 0, end;
    tide_buf_reset(out);
    if (!expr)
        return 0;
    for (p = expr; *p; p++) {
        unsigned char ch = (unsigned char)*p;
        int rc = 0;
        if (quote) {
            rc = tide_buf_putc(out, (char)ch);
            if (ch == (unsigned char)quote)
                quote = 0;
        } else if (isspace(ch)) {
            space = out->len > 0;
            continue;
        } else {
            if (space && !strchr("),", ch) && !(out->len && out->data[out->len - 1] == '('))
                rc = tide_buf_putc(out, ' ');
            if (rc == 0)
                rc = tide_buf_putc(out, (char)tolower(ch));
            if (ch == '\'' || ch == '"')
                quote = (char)ch;
        }
        space = 0;
        if (rc < 0)
            return TIDE_ENOMEM;
    }
    end = out->len;
    while (end - start >= 2 && wraps_whole(out->data + start, end - start)) {
        start++;
        end--;
        while (start < end && out->data[start] == ' ') start++;
        while (end > start && out->data[end - 1] == ' ') end--;
    }
    if (start > 0 || end < out->len) {
        memmove(out->data, out->data + start, end - start);
        out->len = end - start;
        out->data[out->len] = '\0';
    }
    return 0;
}

int tide_model_generated_name(const char *table, char *const *cols, int ncols,
                              const char *suffix, tide_buf *out)
{
    int i, rc = tide_buf_puts(out, table);
    for (i = 0; rc == 0 && i < ncols; i++) {
        size_t n = tide_model_index_col_len(cols[i]);   /* "created_at desc" -> created_at */
        rc = tide_buf_putc(out, '_') < 0 || tide_buf_add(out, cols[i], n) < 0 ? TIDE_ENOMEM : 0;
    }
    if (rc == 0 && ncols == 0 && !strcmp(suffix, "idx"))
        rc = tide_buf_puts(out, "_expr");            /* an expression index */
    if (rc == 0)                                     /* no printf: a large schema names thousands */
        rc = tide_buf_putc(out, '_') < 0 || tide_buf_puts(out, suffix) < 0 ? TIDE_ENOMEM : 0;
    if (rc == 0 && out->len > 63) {
        out->len = 63;                               /* PostgreSQL's NAMEDATALEN - 1 */
        out->data[63] = '\0';
    }
    return rc < 0 ? TIDE_ENOMEM : 0;
}

int tide_model_qualified(const char *schema, const char *name, tide_buf *out)
{
    return schema ? tide_buf_printf(out, "%s.%s", schema, name) : tide_buf_puts(out, name);
}

/* ---- finish: canonical forms, names, order, validation ------------------- */

#define FINISH_SEEN 64

typedef struct finisher {
    tide_schema *s;
    tide_buf tmp;
    tide_err *err;
    tide_strset spelled;     /* a column type's spelling -> its index in canonical */
    char **canonical;        /* the canonical type of each spelling (the model's strings) */
    const char *seen[FINISH_SEEN];   /* spellings met, by address: their index in canonical */
    int seen_at[FINISH_SEEN];
} finisher;

/* *field = canonical(field) via fn; NULL stays NULL, and a field already
 * canonical stays the same string (a second finish copied every one again). */
static int canon(finisher *f, char **field, int (*fn)(const char *, tide_buf *))
{
    if (!*field)
        return 0;
    if (fn(*field, &f->tmp) < 0)
        return tide_err_set(f->err, TIDE_ENOMEM, "out of memory");
    if (f->tmp.data && !strcmp(f->tmp.data, *field) && strlen(*field) == f->tmp.len)
        return 0;
    if (!(*field = tide_schema_strn(f->s, f->tmp.data ? f->tmp.data : "", f->tmp.len)))
        return tide_err_set(f->err, TIDE_ENOMEM, "out of memory");
    return 0;
}

/* 'x'::character varying on a varchar column is 'x': a literal cast to the
 * column's own type says nothing more, and databases add such casts. */
/* -12, 3.5, 1e6: a number as SQL writes one (not '2020-01-01'). */
static int is_number(const char *s)
{
    char *end;
    if (!*s || !(s[0] == '-' || s[0] == '.' || (s[0] >= '0' && s[0] <= '9')) || strpbrk(s, "iInNxXpP"))
        return 0;                            /* not inf, nan or hex */
    strtod(s, &end);
    return *end == '\0';
}

static int strip_own_cast(finisher *f, tide_column *c)
{
    char *d = c->default_expr, *cast;
    size_t n;
    if (!d || !(cast = strstr(d, "::")) || strstr(cast + 2, "::") || !(d[0] == '\'' || d[0] == '-' ||
        (d[0] >= '0' && d[0] <= '9')))
        return 0;
    if (tide_model_canonical_type(cast + 2, &f->tmp) < 0)
        return tide_err_set(f->err, TIDE_ENOMEM, "out of memory");
    {
        const char *ct = f->tmp.data ? f->tmp.data : "";
        size_t cl = strcspn(ct, "(");    /* the base type: 'x'::bpchar on a char(7) column */
        int same_base = !strncmp(c->type, ct, cl) && (c->type[cl] == '\0' || c->type[cl] == '(');
        if (!same_base && !(c->is_enum && !strcmp(cast + 2, c->type)))
            return 0;                /* a cast to another type changes the value: keep it */
    }
    n = (size_t)(cast - d);
    if (d[0] == '\'' && n >= 2 && d[n - 1] == '\'' && strcmp(c->type, "text") && strncmp(c->type, "varchar", 7) &&
        strncmp(c->type, "char", 4) && !c->is_enum) {
        char *inner = tide_schema_strn(f->s, d + 1, n - 2);   /* '-1'::integer -> -1 */
        if (inner && is_number(inner)) {
            c->default_expr = inner;
            return 0;
        }
    }
    c->default_expr = tide_schema_strn(f->s, d, n);
    return c->default_expr ? 0 : tide_err_set(f->err, TIDE_ENOMEM, "out of memory");
}

/* 'a'::text inside an expression is 'a': PostgreSQL writes string
 * literals back with that cast. */
static void strip_text_casts(char *d)
{
    char *r = d, *w = d;
    int quoted = 0;
    while (*r) {
        if (*r == '\'')
            quoted = !quoted;
        if (!quoted && r > d && r[-1] == '\'' && !strncmp(r, "::text", 6) &&
            !(r[6] == '_' || (r[6] >= 'a' && r[6] <= 'z') || r[6] == '['))
            r += 6;
        else
            *w++ = *r++;
    }
    *w = '\0';
}

/* interval '1 day' and date '2020-01-01' as the server spells them back:
 * '1 day'::interval, '2020-01-01'::date. */
static int typed_literals(finisher *f, char **field)
{
    static const char *const words[] = { "interval", "date", NULL };
    const char *p = *field, *lit;
    int quoted = 0, i, changed = 0;
    tide_buf_reset(&f->tmp);
    while (*p) {
        size_t n = 0;
        if (*p == '\'')
            quoted = !quoted;
        for (i = 0; !quoted && words[i]; i++) {
            n = strlen(words[i]);
            if (!strncmp(p, words[i], n) && p[n] == ' ' && p[n + 1] == '\'' &&
                (p == *field || !(isalnum((unsigned char)p[-1]) || p[-1] == '_' || p[-1] == ':')))
                break;
        }
        if (quoted || !words[i]) {
            if (tide_buf_putc(&f->tmp, *p++) < 0)
                return tide_err_set(f->err, TIDE_ENOMEM, "out of memory");
            continue;
        }
        lit = p + n + 1;                         /* the literal, '' inside it doubled */
        for (p = lit + 1; *p && !(*p == '\'' && p[1] != '\''); p += *p == '\'' ? 2 : 1)
            ;
        if (!*p)
            return 0;                            /* unterminated: leave it as it is */
        p++;
        if (tide_buf_add(&f->tmp, lit, (size_t)(p - lit)) < 0 || tide_buf_printf(&f->tmp, "::%s", words[i]) < 0)
            return tide_err_set(f->err, TIDE_ENOMEM, "out of memory");
        changed = 1;
    }
    if (changed && !(*field = tide_schema_strn(f->s, f->tmp.data, f->tmp.len)))
        return tide_err_set(f->err, TIDE_ENOMEM, "out of memory");
    return 0;
}

static int canon_default(finisher *f, tide_column *c)
{
    int rc = canon(f, &c->default_expr, tide_model_canonical_expr);
    if (rc == 0 && c->default_expr && strchr(c->default_expr, '\''))
        rc = typed_literals(f, &c->default_expr);
    if (rc == 0 && c->default_expr && strchr(c->default_expr, ' ') && strstr(c->default_expr, "'::text")) {
        /* in an expression; a lone literal is handled below. In a copy of
         * its own: canon keeps a canonical string, which default_text may be */
        if (!(c->default_expr = tide_schema_str(f->s, c->default_expr)))
            return tide_err_set(f->err, TIDE_ENOMEM, "out of memory");
        strip_text_casts(c->default_expr);
    }
    if (rc == 0)
        rc = strip_own_cast(f, c);
    if (rc == 0 && c->default_expr && !*c->default_expr)
        c->default_expr = NULL;         /* DEFAULT NULL stays: SQLite reports it (the drivers decide) */
    return rc;
}

static int lower_word(finisher *f, char **field)
{
    char *p;
    if (!*field)
        return 0;
    if (!(*field = tide_schema_str(f->s, *field)))
        return tide_err_set(f->err, TIDE_ENOMEM, "out of memory");
    for (p = *field; *p; p++)
        *p = (char)tolower((unsigned char)*p);
    return 0;
}

/* Storage parameters as PostgreSQL's reloptions keep them: "name=value"
 * pairs joined by ", ", without spaces or quotes, in lower case
 * ("FillFactor = '70'" is "fillfactor=70"), empty items dropped, and a bare
 * name given its value, "true" (WITH (security_barrier) is kept as
 * security_barrier=true); nothing at all is NULL. */
static int storage_params(finisher *f, char **field)
{
    const char *p;
    int valued = 0, named = 0;
    tide_buf_reset(&f->tmp);
    if (!*field)
        return 0;
    for (p = *field;; p++) {
        if (!*p || *p == ',') {
            if (named && !valued && tide_buf_puts(&f->tmp, "=true") < 0)
                return tide_err_set(f->err, TIDE_ENOMEM, "out of memory");
            valued = named = 0;
            if (!*p)
                break;
            continue;
        }
        if (isspace((unsigned char)*p) || *p == '\'')
            continue;
        if (!named && f->tmp.len && tide_buf_puts(&f->tmp, ", ") < 0)
            return tide_err_set(f->err, TIDE_ENOMEM, "out of memory");
        named = 1;
        valued |= *p == '=';
        if (tide_buf_putc(&f->tmp, (char)tolower((unsigned char)*p)) < 0)
            return tide_err_set(f->err, TIDE_ENOMEM, "out of memory");
    }
    if (!f->tmp.len) {
        *field = NULL;
        return 0;
    }
    return (*field = tide_schema_str(f->s, f->tmp.data)) ? 0 : tide_err_set(f->err, TIDE_ENOMEM, "out of memory");
}

static int name_or_generated(finisher *f, const tide_table *t, char **name, char *const *cols,
                             int ncols, const char *suffix)
{
    if (*name)
        return 0;
    tide_buf_reset(&f->tmp);
    if (tide_model_generated_name(t->name, cols, ncols, suffix, &f->tmp) < 0 ||
        !(*name = tide_schema_str(f->s, f->tmp.data)))
        return tide_err_set(f->err, TIDE_ENOMEM, "out of memory");
    return 0;
}

/* A foreign key action in lower case, "no action" none; the columns of
 * "set null (a, b)" (ON DELETE SET NULL of some columns) kept as written. */
static int canon_action(finisher *f, char **action)
{
    char *p;
    if (!*action)
        return 0;
    if (!(*action = tide_schema_str(f->s, *action)))
        return tide_err_set(f->err, TIDE_ENOMEM, "out of memory");
    for (p = *action; *p && *p != '('; p++)
        *p = (char)tolower((unsigned char)*p);
    if (!strcmp(*action, "no action"))
        *action = NULL;
    return 0;
}

static const char *const index_suffixes[] = { " nulls first", " nulls last", " desc", " asc", NULL };

size_t tide_model_index_col_len(const char *entry)
{
    size_t n = strcspn(entry, " ");
    int i, again = 1;
    if (!entry[n])
        return n;                            /* no space: no suffix (each begins with one) */
    n += strlen(entry + n);
    while (again) {                          /* "x desc nulls last": both go */
        again = 0;
        for (i = 0; index_suffixes[i]; i++) {
            size_t k = strlen(index_suffixes[i]);
            if (n > k && !strncasecmp(entry + n - k, index_suffixes[i], k)) {
                n -= k;
                again = 1;
            }
        }
    }
    return n;
}

/* "x ASC" -> "x", "x DESC" -> "x desc": the name as given, suffixes lowercased. */
static int canon_index(finisher *f, const tide_table *t, tide_index *ix)
{
    int i, rc;
    for (i = 0; i < ix->ncolumns; i++) {
        size_t n = tide_model_index_col_len(ix->columns[i]), k;
        char *c;
        if (!ix->columns[i][n])
            continue;                           /* "col": nothing to lower or drop, no copy */
        if (!(c = tide_schema_str(f->s, ix->columns[i])))
            return tide_err_set(f->err, TIDE_ENOMEM, "out of memory");
        for (k = n; c[k]; k++)
            c[k] = (char)tolower((unsigned char)c[k]);
        if (strstr(c + n, " asc")) {          /* ascending is the default: drop it */
            char *asc = strstr(c + n, " asc");
            memmove(asc, asc + 4, strlen(asc + 4) + 1);
        }
        ix->columns[i] = c;
    }
    if ((rc = canon(f, &ix->where, tide_model_canonical_expr)) < 0 ||
        (rc = canon(f, &ix->expression, tide_model_canonical_expr)) < 0 ||
        (rc = lower_word(f, &ix->method)) < 0)
        return rc;
    if (ix->method && !strcmp(ix->method, "btree"))
        ix->method = NULL;
    if ((rc = storage_params(f, &ix->with)) < 0)
        return rc;
    return name_or_generated(f, t, &ix->name, ix->columns, ix->ncolumns, "idx");
}

/* Is type the (possibly schema-qualified) name of an enum of the schema? */
static int names_enum(const tide_schema *s, const char *type)
{
    const char *dot = strchr(type, '.');
    char schema[128];
    snprintf(schema, sizeof schema, "%.*s", dot ? (int)(dot - type) : 0, type);
    return tide_schema_find_enum(s, dot ? schema : NULL, dot ? dot + 1 : type) != NULL;
}

/* An unnamed check (introspection of a hand-written table) gets
 * <table>_check, then <table>_check1, ...: PostgreSQL's own rule. */
static int name_check(finisher *f, tide_table *t, int idx)
{
    int n, j, taken;
    for (n = 0;; n++) {
        tide_buf_reset(&f->tmp);
        if ((n ? tide_buf_printf(&f->tmp, "%s_check%d", t->name, n)
               : tide_buf_printf(&f->tmp, "%s_check", t->name)) < 0)
            return tide_err_set(f->err, TIDE_ENOMEM, "out of memory");
        for (taken = 0, j = 0; j < t->nchecks && !taken; j++)
            taken = j != idx && t->checks[j].name && !strcmp(t->checks[j].name, f->tmp.data);
        if (!taken)
            break;
    }
    return (t->checks[idx].name = tide_schema_str(f->s, f->tmp.data)) ? 0
           : tide_err_set(f->err, TIDE_ENOMEM, "out of memory");
}

/* An unnamed foreign key: <table>_<cols>_fkey, and then, as PostgreSQL
 * numbers them, _fkey1, _fkey2... when another foreign key on the same
 * columns already has it (SQLite lets a column reference twice). */
static int name_fk(finisher *f, tide_table *t, int idx)
{
    tide_fk *fk = &t->fks[idx];
    int n, j, taken;
    for (n = 0;; n++) {
        tide_buf_reset(&f->tmp);
        if (tide_model_generated_name(t->name, fk->columns, fk->ncolumns, "fkey", &f->tmp) < 0 ||
            (n && tide_buf_printf(&f->tmp, "%d", n) < 0))
            return tide_err_set(f->err, TIDE_ENOMEM, "out of memory");
        for (taken = 0, j = 0; j < t->nfks && !taken; j++)
            taken = j != idx && t->fks[j].name && !strcmp(t->fks[j].name, f->tmp.data);
        if (!taken)
            break;
    }
    return (fk->name = tide_schema_str(f->s, f->tmp.data)) ? 0
           : tide_err_set(f->err, TIDE_ENOMEM, "out of memory");
}

/* A partition key: "RANGE(created_at)" is "range (created_at)". */
static int canonical_partition_key(const char *key, tide_buf *out)
{
    tide_buf tmp = TIDE_BUF_INIT;
    const char *open;
    int rc = tide_model_canonical_expr(key, &tmp);
    tide_buf_reset(out);
    if (rc == 0 && tmp.data && (open = strchr(tmp.data, '(')) != NULL && open > tmp.data && open[-1] != ' ') {
        if (tide_buf_add(out, tmp.data, (size_t)(open - tmp.data)) < 0 || tide_buf_putc(out, ' ') < 0 ||
            tide_buf_puts(out, open) < 0)
            rc = TIDE_ENOMEM;
    } else if (rc == 0 && tide_buf_puts(out, tmp.data ? tmp.data : "") < 0) {
        rc = TIDE_ENOMEM;
    }
    tide_buf_free(&tmp);
    return rc;
}

/* A column's type in canonical form; an enum's name keeps its case. A schema
 * spells few types many times: each spelling is worked out once. */
static int canon_type(finisher *f, char **type)
{
    const char *spelling = *type;
    int at, n = (int)f->spelled.n;
    size_t slot = ((uintptr_t)spelling >> 3) % FINISH_SEEN;
    if (!spelling)
        return 0;
    if (f->seen[slot] == spelling) {      /* the same string as a column before: a finished
                                             schema's columns share their canonical types */
        *type = f->canonical[f->seen_at[slot]];
        return 0;
    }
    if (tide_strset_get(&f->spelled, spelling, &at)) {
        *type = f->canonical[at];
        f->seen[slot] = spelling;
        f->seen_at[slot] = at;
        return 0;
    }
    if (!names_enum(f->s, spelling) && canon(f, type, tide_model_canonical_type) < 0)
        return TIDE_ENOMEM;
    if (tide_list_reserve(&f->canonical, n, sizeof *f->canonical) < 0 ||
        tide_strset_put(&f->spelled, spelling, n) < 0)
        return tide_err_set(f->err, TIDE_ENOMEM, "out of memory");
    f->canonical[n] = *type;
    f->seen[slot] = spelling;
    f->seen_at[slot] = n;
    return 0;
}

static int canon_pk_desc(finisher *f, tide_table *t);

static int canon_table(finisher *f, tide_table *t)
{
    int i, rc = 0;
    if (t->schema && !strcmp(t->schema, "public"))
        t->schema = NULL;
    if ((rc = canon(f, &t->partition_by, canonical_partition_key)) < 0)
        return rc;
    for (i = 0; rc == 0 && i < t->ncolumns; i++) {
        tide_column *c = &t->columns[i];
        rc = canon_type(f, &c->type);
        if (rc == 0)
            rc = canon_default(f, c);
        if (rc == 0)
            rc = canon(f, &c->generated, tide_model_canonical_expr);
        if (rc == 0)
            rc = lower_word(f, &c->not_null_conflict);
    }
    if (rc == 0 && t->npk > 0)
        rc = name_or_generated(f, t, &t->pk_name, NULL, 0, "pkey");
    if (rc == 0)
        rc = canon_pk_desc(f, t);
    if (rc == 0)
        rc = lower_word(f, &t->pk_conflict);
    for (i = 0; rc == 0 && i < t->nuniques; i++) {
        rc = name_or_generated(f, t, &t->uniques[i].name, t->uniques[i].columns, t->uniques[i].ncolumns, "key");
        if (rc == 0)
            rc = lower_word(f, &t->uniques[i].on_conflict);
    }
    for (i = 0; rc == 0 && i < t->nindexes; i++)
        rc = canon_index(f, t, &t->indexes[i]);
    for (i = 0; rc == 0 && i < t->nfks; i++) {
        tide_fk *fk = &t->fks[i];
        if (fk->ref_schema && !strcmp(fk->ref_schema, "public"))
            fk->ref_schema = NULL;
        rc = canon_action(f, &fk->on_delete);
        if (rc == 0) rc = canon_action(f, &fk->on_update);
        if (rc == 0 && !fk->name) rc = name_fk(f, t, i);
    }
    for (i = 0; rc == 0 && i < t->nchecks; i++) {
        rc = canon(f, &t->checks[i].expr, tide_model_canonical_expr);
        if (rc == 0 && !t->checks[i].name)
            rc = name_check(f, t, i);
    }
    return rc;
}

static int cmp_opt(const char *a, const char *b)
{
    return strcmp(a ? a : "", b ? b : "");
}

static int cmp_tables(const void *a, const void *b)
{
    const tide_table *x = *(tide_table *const *)a, *y = *(tide_table *const *)b;
    int c = cmp_opt(x->schema, y->schema);
    return c ? c : cmp_opt(x->name, y->name);
}

/* Tables whose names differ only in case, next to each other. */
static int cmp_tables_nocase(const void *a, const void *b)
{
    const tide_table *x = *(tide_table *const *)a, *y = *(tide_table *const *)b;
    int c = cmp_opt(x->schema, y->schema);
    if (!c)
        c = tide_model_name_cmp(1, x->name, y->name);
    return c ? c : cmp_opt(x->name, y->name);
}

static int fold(int ch)
{
    return ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch;
}

int tide_model_name_cmp(int nocase, const char *a, const char *b)
{
    const unsigned char *x = (const unsigned char *)(a ? a : ""), *y = (const unsigned char *)(b ? b : "");
    if (!nocase || x == y)
        return x == y ? 0 : strcmp((const char *)x, (const char *)y);
    if (*x == *y && !strcmp((const char *)x, (const char *)y))
        return 0;                        /* spelled alike (most): no folding */
    for (; *x && (*x == *y || fold(*x) == fold(*y)); x++, y++)
        ;
    return fold(*x) - fold(*y);
}

unsigned tide_model_name_hash(const char *name, size_t n, int fold)
{
    unsigned h = 2166136261u;
    size_t i;
    for (i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)name[i];
        h = (h ^ (fold && ch >= 'A' && ch <= 'Z' ? ch | 0x20u : ch)) * 16777619u;
    }
    return h;
}

int tide_model_same_name(int nocase, const char *a, const char *b)
{
    return tide_model_name_cmp(nocase, a, b) == 0;
}

static int cmp_enums(const void *a, const void *b)
{
    const tide_enum *x = a, *y = b;
    int c = cmp_opt(x->schema, y->schema);
    return c ? c : cmp_opt(x->name, y->name);
}

/* Every named item type starts with its name: one comparator serves all. */
static int cmp_named(const void *a, const void *b)
{
    return cmp_opt(*(char *const *)a, *(char *const *)b);
}

/* qsort with an empty (NULL) list is undefined: sort only what is there. */
static void sort_list(void *items, int n, size_t size, int (*cmp)(const void *, const void *))
{
    if (n > 1)
        tide_sort(items, (size_t)n, size, cmp);    /* a list in order (most) is not sorted again */
}

/* "table s.t: <what>" as a TIDE_ECONFIG error. */
static int fail_item(finisher *f, const tide_table *t, const char *fmt, ...)
{
    tide_buf what = TIDE_BUF_INIT;
    va_list ap;
    int n;
    va_start(ap, fmt);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n >= 0 && tide_buf_grow(&what, (size_t)n) == 0) {
        va_start(ap, fmt);
        vsnprintf(what.data, (size_t)n + 1, fmt, ap);
        va_end(ap);
    }
    tide_err_set(f->err, TIDE_ECONFIG, "table %s%s%s: %s", t->schema ? t->schema : "",
                 t->schema ? "." : "", t->name ? t->name : "?", what.data ? what.data : "invalid");
    tide_buf_free(&what);
    return TIDE_ECONFIG;
}

/* Whether t has column name, or inherits it from a parent of the schema. */
static int has_column(const tide_schema *s, const tide_table *t, const char *name, int depth)
{
    int i;
    if (tide_table_find_column(t, name))
        return 1;
    for (i = 0; depth < 16 && i < t->ninherits; i++) {
        const char *p = t->inherits[i], *dot = strchr(p, '.');
        char ns[128];
        const tide_table *parent;
        snprintf(ns, sizeof ns, "%.*s", dot ? (int)(dot - p) : 0, p);
        parent = tide_schema_find_table(s, dot ? ns : NULL, dot ? dot + 1 : p);
        if (!parent || has_column(s, parent, name, depth + 1))
            return 1;            /* a parent outside the schema: taken on trust */
    }
    return 0;
}

static int check_columns(finisher *f, const tide_table *t, char *const *cols, int n, const char *what,
                         int index_entries)
{
    int i;
    for (i = 0; i < n; i++) {
        char name[256];
        size_t len = index_entries ? tide_model_index_col_len(cols[i]) : strlen(cols[i]);
        if (len >= sizeof name)
            len = sizeof name - 1;       /* as snprintf would cut it */
        memcpy(name, cols[i], len);
        name[len] = '\0';
        if (!has_column(f->s, t, name, 0))
            return fail_item(f, t, "%s names column '%s', which the table does not have", what, name);
    }
    return 0;
}

/* The key's DESC columns spelled as the key spells them, in key order; a
 * name that is not one of the key's columns is an error. */
static int canon_pk_desc(finisher *f, tide_table *t)
{
    char **v = NULL;
    int i, j, n = 0, same = 1;
    for (i = 0; i < t->npk_desc; i++) {
        for (j = 0; j < t->npk && !tide_model_same_name(t->nocase, t->pk[j], t->pk_desc[i]); j++)
            ;
        if (j == t->npk)
            return fail_item(f, t, "the primary key's desc names column '%s', which is not one of "
                             "its columns", t->pk_desc[i]);
    }
    for (j = 0; j < t->npk && t->npk_desc; j++)
        for (i = 0; i < t->npk_desc; i++)
            if (tide_model_same_name(t->nocase, t->pk[j], t->pk_desc[i])) {
                same &= n < t->npk_desc && !strcmp(t->pk_desc[n], t->pk[j]);
                if (tide_strv_push(f->s, &v, &n, t->pk[j]) < 0)
                    return TIDE_ENOMEM;
                break;
            }
    if (!same || n != t->npk_desc) {
        t->pk_desc = v;             /* the old list stays in the arena */
        t->npk_desc = n;
    }
    return 0;
}

const char *const tide_conflict_words[TIDE_NCONFLICT] = {
    "rollback", "abort", "fail", "ignore", "replace"
};

/* A conflict resolution is one of SQLite's words (lowercase by then). */
static int check_conflict(finisher *f, const tide_table *t, const char *word, const char *what,
                          const char *name)
{
    int i;
    for (i = 0; word && i < TIDE_NCONFLICT; i++)
        if (!strcmp(word, tide_conflict_words[i]))
            return 0;
    if (!word)
        return 0;
    return fail_item(f, t, "%s%s: '%s' is not an ON CONFLICT resolution (rollback, abort, fail, "
                     "ignore, replace)", what, name, word);
}

/* The ON CONFLICT words, and a NOT NULL's only on a column that has it. */
static int check_conflicts(finisher *f, const tide_table *t)
{
    int i, rc = check_conflict(f, t, t->pk_conflict, "the primary key", "");
    for (i = 0; rc == 0 && i < t->nuniques; i++)
        rc = check_conflict(f, t, t->uniques[i].on_conflict, "unique constraint ", t->uniques[i].name);
    for (i = 0; rc == 0 && i < t->ncolumns; i++) {
        const tide_column *c = &t->columns[i];
        if ((rc = check_conflict(f, t, c->not_null_conflict, "column ", c->name)) == 0 &&
            c->not_null_conflict && c->nullable)
            rc = fail_item(f, t, "column %s: ON CONFLICT %s applies to its NOT NULL, but the column "
                           "is nullable (drop one of them)", c->name, c->not_null_conflict);
    }
    return rc;
}

/* Whether name is one of names[0..n), or t's unique index named name
 * (unique_only: only those count among t's indexes). */
static int names_key(const tide_table *t, const char **names, int n, const char *name, int unique_only)
{
    int i;
    for (i = 0; i < n; i++)
        if (tide_model_same_name(t->nocase, names[i], name) &&
            (!unique_only || i < n - t->nindexes || t->indexes[i - (n - t->nindexes)].unique))
            return 1;
    return 0;
}

/* REPLICA IDENTITY spelled one way: "full", "nothing" or "using index
 * NAME" in lower case (the name as given, its double quotes taken off);
 * "default" is none. */
/* "default", "full" or "nothing" (any case, spaces around) in *ri as
 * finish spells it (NULL, "full", "nothing"): 1 when done, 0 when *ri
 * says something else (left as it is), < 0 out of memory. */
static int replica_word(finisher *f, char **ri)
{
    const char *p = *ri;
    size_t n;
    if (!p)
        return 1;
    while (isspace((unsigned char)*p))
        p++;
    n = strlen(p);
    while (n && isspace((unsigned char)p[n - 1]))
        n--;
    if (n == 7 && !strncasecmp(p, "default", 7)) {
        *ri = NULL;
        return 1;
    }
    if ((n == 4 && !strncasecmp(p, "full", 4)) || (n == 7 && !strncasecmp(p, "nothing", 7))) {
        *ri = tide_schema_str(f->s, n == 4 ? "full" : "nothing");
        return *ri ? 1 : tide_err_set(f->err, TIDE_ENOMEM, "out of memory");
    }
    return 0;
}

static int replica_identity(finisher *f, tide_table *t)
{
    const char *p = t->replica_identity, *name;
    size_t n;
    int rc = replica_word(f, &t->replica_identity);
    if (rc != 0)
        return rc < 0 ? rc : 0;
    while (isspace((unsigned char)*p))
        p++;
    n = strlen(p);
    while (n && isspace((unsigned char)p[n - 1]))
        n--;
    if (n > 12 && !strncasecmp(p, "using", 5) && isspace((unsigned char)p[5])) {
        for (name = p + 5; isspace((unsigned char)*name); name++)
            ;
        if (!strncasecmp(name, "index", 5) && isspace((unsigned char)name[5])) {
            for (name += 5; isspace((unsigned char)*name); name++)
                ;
            n -= (size_t)(name - p);
            if (n > 2 && name[0] == '"' && name[n - 1] == '"')
                name++, n -= 2;
            if (n && !memchr(name, '"', n) && !memchr(name, ' ', n)) {
                tide_buf b = TIDE_BUF_INIT;
                int rc = tide_buf_printf(&b, "using index %.*s", (int)n, name) < 0 ? TIDE_ENOMEM : 0;
                if (rc == 0 && !(t->replica_identity = tide_schema_str(f->s, b.data)))
                    rc = TIDE_ENOMEM;
                tide_buf_free(&b);
                return rc ? tide_err_set(f->err, TIDE_ENOMEM, "out of memory") : 0;
            }
        }
    }
    return fail_item(f, t, "replicaIdentity is '%s': write \"full\", \"nothing\", \"default\" or "
                     "\"using index NAME\" (one of its unique indexes or key constraints)", t->replica_identity);
}

/* Constraint and index names must differ within a table. */
static int check_names(finisher *f, const tide_table *t)
{
    const char *few[16], **names = few;     /* most tables: no allocation */
    size_t need = (size_t)(t->nuniques + t->nindexes + t->nfks + t->nchecks + 1);
    int i, n = 0, rc = 0;
    if (need > sizeof few / sizeof *few && !(names = malloc(sizeof *names * need)))
        return tide_err_set(f->err, TIDE_ENOMEM, "out of memory");
    if (t->pk_name) names[n++] = t->pk_name;
    for (i = 0; i < t->nuniques; i++) names[n++] = t->uniques[i].name;
    for (i = 0; i < t->nindexes; i++) names[n++] = t->indexes[i].name;
    if (t->cluster_on && !names_key(t, names, n, t->cluster_on, 0))
        rc = fail_item(f, t, "clusterOn names '%s', which is not one of its indexes, unique constraints "
                       "or its primary key", t->cluster_on);
    if (rc == 0 && tide_table_replica_index(t) && !names_key(t, names, n, tide_table_replica_index(t), 1))
        rc = fail_item(f, t, "replicaIdentity uses index '%s', which is not one of its unique indexes, "
                       "unique constraints or its primary key", tide_table_replica_index(t));
    for (i = 0; i < t->nfks; i++) names[n++] = t->fks[i].name;
    for (i = 0; i < t->nchecks; i++) names[n++] = t->checks[i].name;
    sort_list(names, n, sizeof *names, cmp_named);
    for (i = 1; i < n && rc == 0; i++)
        if (!strcmp(names[i - 1], names[i]))
            rc = fail_item(f, t, "two constraints or indexes are named '%s' (rename one of them)", names[i]);
    if (names != few)
        free(names);
    return rc;
}

#define HASHED_COLUMNS 64    /* a column's name compared with those before it through hashes */

static int check_table(finisher *f, tide_table *t)
{
    int i, j, rc = 0;
    unsigned hashes[HASHED_COLUMNS];
    if (!t->name || !*t->name)
        return tide_err_set(f->err, TIDE_ECONFIG, "a table has no name");
    for (i = 0; i < t->ncolumns; i++) {
        tide_column *c = &t->columns[i];
        /* "" only as declared: a column declared with no type (SQLite) */
        if (!c->name || !*c->name || !c->type || (!*c->type && !(c->declared && !*c->declared)))
            return fail_item(f, t, "column %d has no %s", i + 1, c->name ? "type" : "name");
        if (i < HASHED_COLUMNS) {
            unsigned h = hashes[i] = tide_model_name_hash(c->name, strlen(c->name), 1);
            for (j = 0; j < i; j++)
                if (hashes[j] == h && tide_model_same_name(t->nocase, t->columns[j].name, c->name))
                    return fail_item(f, t, "column '%s' is defined twice", c->name);
        } else {
            for (j = 0; j < i; j++)
                if (tide_model_same_name(t->nocase, t->columns[j].name, c->name))
                    return fail_item(f, t, "column '%s' is defined twice", c->name);
        }
    }
    if ((rc = check_columns(f, t, t->pk, t->npk, "the primary key", 0)) == 0)
        rc = check_columns(f, t, t->pk_include, t->npk_include, "the primary key's include", 0);
    for (i = 0; rc == 0 && i < t->nuniques; i++)
        if ((rc = check_columns(f, t, t->uniques[i].columns, t->uniques[i].ncolumns, "a unique constraint", 0)) == 0)
            rc = check_columns(f, t, t->uniques[i].include, t->uniques[i].ninclude,
                               "a unique constraint's include", 0);
    for (i = 0; rc == 0 && i < t->nindexes; i++)
        rc = check_columns(f, t, t->indexes[i].columns, t->indexes[i].ncolumns, "an index", 1);
    for (i = 0; rc == 0 && i < t->nfks; i++)
        rc = check_columns(f, t, t->fks[i].columns, t->fks[i].ncolumns, "a foreign key", 0);
    for (i = 0; rc == 0 && i < t->nchecks; i++)
        if (!t->checks[i].name || !t->checks[i].expr)
            rc = fail_item(f, t, "a check has no %s", t->checks[i].name ? "expression" : "name");
    if (rc == 0)
        rc = check_conflicts(f, t);
    if (rc == 0)
        rc = storage_params(f, &t->with);
    if (rc == 0)
        rc = replica_identity(f, t);
    return rc == 0 ? check_names(f, t) : rc;
}

/* Columns whose type names an enum of the schema are enum columns. */
static int link_enums(finisher *f, tide_table *t)
{
    int i;
    for (i = 0; i < t->ncolumns; i++) {
        tide_column *c = &t->columns[i];
        const char *dot = strchr(c->type, '.');
        char schema[128];
        const tide_enum *e = NULL;
        if (dot) {
            snprintf(schema, sizeof schema, "%.*s", (int)(dot - c->type), c->type);
            e = tide_schema_find_enum(f->s, schema, dot + 1);
        } else if (f->s->nenums) {   /* no snprintf per column: a large schema's finish called it 30,000 times */
            e = tide_schema_find_enum(f->s, NULL, c->type);
        }
        if (e)
            c->is_enum = 1;
        else if (c->is_enum)
            return fail_item(f, t, "column '%s' uses enum '%s', which is not defined", c->name, c->type);
    }
    return 0;
}

static int check_fk_targets(finisher *f, tide_table *t)
{
    int i, j;
    for (i = 0; i < t->nfks; i++) {
        tide_fk *fk = &t->fks[i];
        const tide_table *ref = tide_schema_find_table(f->s, fk->ref_schema, fk->ref_table);
        if (!fk->ref_table)
            return fail_item(f, t, "foreign key '%s' names no table", fk->name);
        if (!ref)
            continue;                  /* a table outside this schema: nothing to check */
        if (fk->nref_columns == 0) {
            fk->ref_key = 1;
            for (j = 0; j < ref->npk; j++)
                if (tide_strv_push(f->s, &fk->ref_columns, &fk->nref_columns, ref->pk[j]) < 0)
                    return tide_err_set(f->err, TIDE_ENOMEM, "out of memory");
        }
        if (fk->nref_columns != fk->ncolumns)
            return fail_item(f, t, "foreign key '%s' has a different number of columns than it "
                             "references in '%s'", fk->name, fk->ref_table);
        for (j = 0; j < fk->nref_columns; j++)
            if (!has_column(f->s, ref, fk->ref_columns[j], 0))
                return fail_item(f, t, "foreign key '%s' references column '%s', which does not exist",
                                 fk->name, fk->ref_columns[j]);
    }
    return 0;
}

static void sort_table(tide_table *t)
{
    sort_list(t->uniques, t->nuniques, sizeof *t->uniques, cmp_named);
    sort_list(t->indexes, t->nindexes, sizeof *t->indexes, cmp_named);
    sort_list(t->fks, t->nfks, sizeof *t->fks, cmp_named);
    sort_list(t->checks, t->nchecks, sizeof *t->checks, cmp_named);
}

/* A nocase schema keeps the byte order (its snapshot and inspect output do
 * not move); names that differ only in case are found in a folded copy. */
static int check_folded_tables(finisher *f)
{
    tide_table **v;
    int i, rc = 0;
    if (f->s->ntables < 2)
        return 0;
    if (!(v = malloc(sizeof *v * (size_t)f->s->ntables)))
        return tide_err_set(f->err, TIDE_ENOMEM, "out of memory");
    memcpy(v, f->s->tables, sizeof *v * (size_t)f->s->ntables);
    sort_list(v, f->s->ntables, sizeof *v, cmp_tables_nocase);
    for (i = 1; rc == 0 && i < f->s->ntables; i++)
        if (!cmp_opt(v[i - 1]->schema, v[i]->schema) && tide_model_same_name(1, v[i - 1]->name, v[i]->name))
            rc = fail_item(f, v[i], "the table is defined twice ('%s' and '%s': names that differ only "
                           "in case are one name in this database)", v[i - 1]->name, v[i]->name);
    free(v);
    return rc;
}

/* ---- objects: canonical forms, what they read, order ------------------------ */

static int cmp_objects(const void *a, const void *b)
{
    const tide_object *x = a, *y = b;
    int c = (int)x->kind - (int)y->kind;
    if (!c) c = cmp_opt(x->schema, y->schema);
    if (!c) c = cmp_opt(x->table, y->table);
    return c ? c : cmp_opt(x->name, y->name);
}

static int same_object(int nocase, const tide_object *x, const tide_object *y)
{
    return x->kind == y->kind && !cmp_opt(x->schema, y->schema) &&
           tide_model_same_name(nocase, x->table, y->table) && tide_model_same_name(nocase, x->name, y->name);
}

/* An object of a kind that others read (a view, a materialized view, a
 * virtual table, a partition, a foreign table, the foreign server foreign
 * tables read) named schema.name, or NULL. */
static const tide_object *readable_object(const tide_schema *s, const char *schema, const char *name)
{
    int i;
    for (i = 0; i < s->nobjects; i++) {
        const tide_object *o = &s->objects[i];
        if ((o->kind == TIDE_OBJ_VIEW || o->kind == TIDE_OBJ_MATVIEW || o->kind == TIDE_OBJ_VIRTUAL_TABLE ||
             o->kind == TIDE_OBJ_PARTITION || o->kind == TIDE_OBJ_FOREIGN_TABLE || o->kind == TIDE_OBJ_FOREIGN_SERVER) &&
            !cmp_opt(o->schema, schema) && tide_model_same_name(s->nocase, o->name, name))
            return o;
    }
    return NULL;
}

/* A type made after tables (after_tables: a domain over a table's row
 * type) named schema.name, or NULL. */
static const tide_object *late_type(const tide_schema *s, const char *schema, const char *name)
{
    int i;
    for (i = 0; i < s->nobjects; i++) {
        const tide_object *o = &s->objects[i];
        if (o->after_tables && (tide_object_kinds[o->kind].flags & TIDE_OBJK_TYPE) &&
            !cmp_opt(o->schema, schema) && tide_model_same_name(s->nocase, o->name, name))
            return o;
    }
    return NULL;
}

/* Adds schema.name to o->reads once, when it names a table, a readable
 * object or a type made after tables of the schema other than o itself. */
static int add_read(finisher *f, tide_object *o, const char *schema, const char *name)
{
    const tide_table *t;
    const tide_object *r;
    if (schema && !strcmp(schema, "public"))     /* the default, as the lookups take it */
        schema = NULL;
    t = tide_schema_find_table(f->s, schema, name);
    r = t ? NULL : readable_object(f->s, schema, name);
    if (!t && !r)
        r = late_type(f->s, schema, name);
    int i;
    if (!t && (!r || r == o))
        return 0;
    tide_buf_reset(&f->tmp);
    if (tide_model_qualified(t ? t->schema : r->schema, t ? t->name : r->name, &f->tmp) < 0)
        return tide_err_set(f->err, TIDE_ENOMEM, "out of memory");
    for (i = 0; i < o->nreads; i++)
        if (tide_model_same_name(f->s->nocase, o->reads[i], f->tmp.data))
            return 0;
    return tide_strv_push(f->s, &o->reads, &o->nreads, f->tmp.data) < 0
           ? tide_err_set(f->err, TIDE_ENOMEM, "out of memory") : 0;
}

/* The next word of SQL text at *p: an unquoted identifier or a quoted one
 * ("x", `x`, [x]), its text in *word; string literals and comments are
 * skipped. 0 at the end. */
static int next_word(const char **p, tide_buf *word)
{
    const char *q = *p;
    tide_buf_reset(word);
    while (*q) {
        if (*q == '\'') {                           /* a literal: skip it */
            for (q++; *q && !(*q == '\'' && q[1] != '\''); q += *q == '\'' ? 2 : 1)
                ;
            if (*q) q++;
        } else if (q[0] == '-' && q[1] == '-') {
            while (*q && *q != '\n') q++;
        } else if (*q == '"' || *q == '`' || *q == '[') {
            char close = *q == '[' ? ']' : *q;
            for (q++; *q && !(*q == close && q[1] != close); q += *q == close ? 2 : 1)
                if (tide_buf_putc(word, *q) < 0)
                    return -1;
            *p = *q ? q + 1 : q;
            return 1;
        } else if (isalpha((unsigned char)*q) || *q == '_') {
            const char *start = q;
            while (isalnum((unsigned char)*q) || *q == '_' || *q == '$')
                q++;
            if (tide_buf_add(word, start, (size_t)(q - start)) < 0)
                return -1;
            *p = q;
            return 1;
        } else {
            q++;
        }
    }
    *p = q;
    return 0;
}

/* Adds schema.name to o->reads once when it names a type of the schema
 * (functions 0) or a function (functions 1). A kind that makes types
 * (TIDE_OBJK_TYPE) reads the other types its definition names (a
 * composite type's attribute of a domain), so that they are created
 * before it: its own words, not tables. A domain whose CHECK or DEFAULT
 * calls a function, a range type whose subtype_diff is one, is made after
 * it (both are made before tables); so is a function with a body of SQL
 * that calls one. */
static int add_named_read(finisher *f, tide_object *o, const char *schema, const char *name, int functions)
{
    int i;
    if (schema && !strcmp(schema, "public"))
        schema = NULL;
    for (i = 0; i < f->s->nobjects; i++) {
        const tide_object *r = &f->s->objects[i];
        int kind_ok = functions ? r->kind == TIDE_OBJ_FUNCTION
                                : (tide_object_kinds[r->kind].flags & TIDE_OBJK_TYPE) && r->kind != TIDE_OBJ_EXTENSION;
        if (r == o || !kind_ok || cmp_opt(r->schema, schema) || !tide_model_same_name(f->s->nocase, r->name, name))
            continue;
        tide_buf_reset(&f->tmp);
        if (tide_model_qualified(r->schema, r->name, &f->tmp) < 0)
            return tide_err_set(f->err, TIDE_ENOMEM, "out of memory");
        for (i = 0; i < o->nreads; i++)
            if (tide_model_same_name(f->s->nocase, o->reads[i], f->tmp.data))
                return 0;
        return tide_strv_push(f->s, &o->reads, &o->nreads, f->tmp.data) < 0
               ? tide_err_set(f->err, TIDE_ENOMEM, "out of memory") : 0;
    }
    return 0;
}

/* Whether a function's definition has a body of SQL (the standard's
 * RETURN expr, or BEGIN ATOMIC ... END) rather than a quoted string after
 * AS ('...' or a dollar quote): such a body is parsed when the function is
 * created, so the tables it names must exist by then. Read with next_word,
 * which skips literals and comments; a quoted name is never a keyword.
 * 1, 0, or -1 out of memory. */
static int sql_body(const char *def)
{
    tide_buf word = TIDE_BUF_INIT;
    const char *p = def, *r;
    int got, body = 0;
    while ((got = next_word(&p, &word)) > 0) {
        if (!word.len || !(isalnum((unsigned char)p[-1]) || p[-1] == '_' || p[-1] == '$'))
            continue;                                  /* a quoted name */
        if (!strcasecmp(word.data, "as")) {
            for (r = p; isspace((unsigned char)*r); r++)
                ;
            if (*r == '\'' || *r == '$' || ((*r == 'e' || *r == 'E') && r[1] == '\''))
                break;                                 /* AS '...', AS $$...$$ */
        } else if (!strcasecmp(word.data, "return") || !strcasecmp(word.data, "atomic")) {
            body = 1;
        }
    }
    if (got > 0)
        body = 0;                                      /* stopped at AS '...' */
    tide_buf_free(&word);
    return got < 0 ? -1 : body;
}

/* The table a quoted PL/pgSQL body declares a variable by (name%ROWTYPE,
 * table.column%TYPE): PostgreSQL resolves those declarations when the
 * function is created (pg_depend records nothing), so the table must be
 * made first. Calls fn(f, o, schema, table) for each such name of the
 * definition that is a table or a readable object of the schema; with
 * fn NULL, returns 1 at the first. A bare variable%TYPE names no table.
 * 1 found (fn NULL), 0, or fn's error. */
static int body_rowtypes(const tide_schema *s, finisher *f, tide_object *o,
                         int (*fn)(finisher *, tide_object *, const char *, const char *))
{
    const char *def = o->definition ? o->definition : "", *q = def;
    char part[3][128];
    int rc;
    while ((q = strchr(q, '%')) != NULL) {
        const char *w = q++, *b, *e;
        int rowtype = !strncasecmp(q, "rowtype", 7) && !isalnum((unsigned char)q[7]) && q[7] != '_';
        int n = 0, i;
        if (!rowtype && (strncasecmp(q, "type", 4) || isalnum((unsigned char)q[4]) || q[4] == '_'))
            continue;
        for (e = w; e > def && isspace((unsigned char)e[-1]); e--)
            ;
        while (n < 3 && e > def) {                 /* [schema.]name[.column], read backwards */
            const char *start;
            size_t len;
            if (e[-1] == '"') {                    /* "name" */
                for (b = e - 1; b > def && b[-1] != '"'; b--)
                    ;
                start = b;
                len = (size_t)(e - 1 - b);
                e = b > def ? b - 1 : b;
            } else {
                for (b = e; b > def && (isalnum((unsigned char)b[-1]) || b[-1] == '_' || b[-1] == '$'); b--)
                    ;
                start = b;
                len = (size_t)(e - b);
                e = b;
            }
            if (!len || len >= sizeof part[0])
                break;
            for (i = n; i > 0; i--)
                memcpy(part[i], part[i - 1], sizeof part[0]);
            memcpy(part[0], start, len);
            part[0][len] = 0;
            n++;
            if (e <= def || e[-1] != '.')
                break;
            e--;
        }
        if (!rowtype)
            n--;                                   /* the column goes */
        if (n < 1)
            continue;
        {
            const char *schema = n >= 2 ? part[n - 2] : NULL, *name = part[n - 1];
            if (schema && !strcmp(schema, "public"))
                schema = NULL;
            if (!tide_schema_find_table(s, schema, name) && !readable_object(s, schema, name))
                continue;
            if (!fn)
                return 1;
            if ((rc = fn(f, o, schema, name)) < 0)
                return rc;
        }
    }
    return 0;
}

/* Where a function's signature ends: its arguments and RETURNS, up to the
 * first LANGUAGE or AS (or the end); it starts at the first parenthesis,
 * so that the function's own name is not among its words. *start is set
 * there. */
static const char *function_head(const char *def, const char **start)
{
    tide_buf word = TIDE_BUF_INIT;
    const char *p = strchr(def, '('), *end;
    int got;
    *start = p ? p : def + strlen(def);
    for (p = *start, end = p; (got = next_word(&p, &word)) > 0; end = p)
        if (!strcasecmp(word.data, "language") || !strcasecmp(word.data, "as"))
            break;
    tide_buf_free(&word);
    return got > 0 ? end : p;
}

/* A function made after tables (after_tables) named schema.name, or NULL. */
static const tide_object *late_function(const tide_schema *s, const char *schema, const char *name)
{
    int i;
    for (i = 0; i < s->nobjects; i++) {
        const tide_object *o = &s->objects[i];
        if (o->kind == TIDE_OBJ_FUNCTION && o->after_tables && !cmp_opt(o->schema, schema) &&
            tide_model_same_name(s->nocase, o->name, name))
            return o;
    }
    return NULL;
}

/* Whether the words of def from start to end name a table or a readable
 * object of the schema (a function taking or returning a table's row
 * type: PostgreSQL needs the table when the function is created), or,
 * with functions, a function made after tables (an aggregate's SFUNC
 * over a table's row type: the aggregate needs it made first).
 * 1, 0, or -1 out of memory. */
static int names_relation(const tide_schema *s, const char *start, const char *end, int functions)
{
    tide_buf word = TIDE_BUF_INIT, prev = TIDE_BUF_INIT;
    const char *p = start;
    int got = 0, found = 0, qualified = 0;
    while (!found && p < end && (got = next_word(&p, &word)) > 0) {
        const char *schema = qualified ? prev.data : NULL;
        if (schema && !strcmp(schema, "public"))
            schema = NULL;
        if (p > end)
            break;
        found = tide_schema_find_table(s, schema, word.data) || readable_object(s, schema, word.data) ||
                late_type(s, schema, word.data) || (functions && late_function(s, schema, word.data));
        if ((qualified = *p == '.') != 0) {
            tide_buf_reset(&prev);
            if (tide_buf_add(&prev, word.data, word.len) < 0)
                found = -1;
        }
    }
    tide_buf_free(&word);
    tide_buf_free(&prev);
    return got < 0 ? -1 : found;
}

/* Where a domain's base type ends: its first word, and a second after a
 * dot (schema.type). */
static const char *domain_base_end(const char *def)
{
    tide_buf word = TIDE_BUF_INIT;
    const char *p = def;
    if (next_word(&p, &word) > 0 && *p == '.')
        next_word(&p, &word);
    tide_buf_free(&word);
    return p;
}

/* reads[]: what the catalog said, or the schema's tables and readable
 * objects named in the definition ("schema.name" or "name"); of a
 * function after tables only because of its signature, those its
 * signature names (its body, a quoted string, is read when it runs). */
static int find_reads(finisher *f, tide_object *o, const char *end)
{
    tide_buf word = TIDE_BUF_INIT, prev = TIDE_BUF_INIT;
    const char *p = o->definition ? o->definition : "";
    int rc = 0, got = 0, qualified = 0;
    int body = o->kind == TIDE_OBJ_FUNCTION && !end ? sql_body(p) : 0;   /* calls are checked */
    if (body < 0)
        return tide_err_set(f->err, TIDE_ENOMEM, "out of memory");
    if (o->table && (rc = add_read(f, o, tide_object_table_schema(o), o->table)) < 0)
        return rc;
    if (o->reads_given ||
        (!(tide_object_kinds[o->kind].flags & (TIDE_OBJK_READS | TIDE_OBJK_TYPE)) && !o->after_tables && !body))
        return 0;
    if (end && o->kind == TIDE_OBJ_FUNCTION)
        function_head(p, &p);
    while (rc == 0 && (!end || p < end) && (got = next_word(&p, &word)) > 0) {
        if (!word.len || (end && p > end))
            continue;
        if ((tide_object_kinds[o->kind].flags & TIDE_OBJK_TYPE) && !o->after_tables) {
            rc = add_named_read(f, o, qualified ? prev.data : NULL, word.data, 0);
            if (rc == 0 && (o->kind == TIDE_OBJ_DOMAIN || o->kind == TIDE_OBJ_RANGE))
                rc = add_named_read(f, o, qualified ? prev.data : NULL, word.data, 1);
        }
        else
            rc = add_read(f, o, qualified ? prev.data : NULL, word.data);
        if (rc == 0 && body)
            rc = add_named_read(f, o, qualified ? prev.data : NULL, word.data, 1);
        if ((qualified = *p == '.') != 0) {          /* schema.name: the name comes next */
            tide_buf_reset(&prev);
            if (tide_buf_add(&prev, word.data, word.len) < 0)
                got = -1;
        }
    }
    if (got < 0 && rc == 0)
        rc = tide_err_set(f->err, TIDE_ENOMEM, "out of memory");
    if (rc == 0 && o->kind == TIDE_OBJ_FUNCTION && end)
        rc = body_rowtypes(f->s, f, o, add_read);
    tide_buf_free(&word);
    tide_buf_free(&prev);
    return rc;
}

/* An attached index is on a partition and names an index or a key of the
 * partition's table (or, on a partition of a partition, a copy's name). */
static int check_attached(finisher *f, const tide_object *o)
{
    const tide_object *p = readable_object(f->s, o->schema, o->table);
    const tide_table *t = p && p->kind == TIDE_OBJ_PARTITION
                          ? tide_schema_find_table(f->s, tide_object_table_schema(p), p->table) : NULL;
    int i, found;
    if (!t && p && p->kind == TIDE_OBJ_PARTITION)
        return 0;              /* of a partition partitioned in turn: a copy's name, which only the driver knows */
    if (!t)
        return tide_err_set(f->err, TIDE_ECONFIG, "attached index '%s' is on '%s', which is not a partition: "
                            "table = names the partition that holds the copy (t.partition \"%s\" { table = "
                            "..., sql = ... })", o->name, o->table, o->table);
    found = t->npk && tide_model_same_name(f->s->nocase, t->pk_name, o->definition);
    for (i = 0; !found && i < t->nuniques; i++)
        found = tide_model_same_name(f->s->nocase, t->uniques[i].name, o->definition);
    for (i = 0; !found && i < t->nindexes; i++)
        found = tide_model_same_name(f->s->nocase, t->indexes[i].name, o->definition);
    if (!found)
        return tide_err_set(f->err, TIDE_ECONFIG, "attached index '%s': table '%s' (partition '%s' is one of "
                            "its) has no index, primary key or unique constraint named '%s'", o->name, t->name,
                            o->table, o->definition);
    return 0;
}

/* An object's (column, value) pairs v (nv strings; key: the DSL's word,
 * columnComments), each column once, sorted by column; a pair without a
 * value is left out. */
static int column_pairs(finisher *f, const tide_object *o, char **v, int *nv, const char *key)
{
    int i, j, n = 0;
    if (*nv % 2)
        return tide_err_set(f->err, TIDE_ECONFIG, "%s '%s': %s pairs a column with its value",
                            tide_object_kinds[o->kind].name, o->name, key);
    for (i = 0; i < *nv; i += 2)           /* insertion sort: a handful of pairs */
        for (j = i; j >= 2 && strcmp(v[j - 2], v[j]) > 0; j -= 2) {
            char *c = v[j], *t = v[j + 1];
            v[j] = v[j - 2];
            v[j + 1] = v[j - 1];
            v[j - 2] = c;
            v[j - 1] = t;
        }
    for (i = 0; i < *nv; i += 2) {
        if (!v[i] || !*v[i])
            return tide_err_set(f->err, TIDE_ECONFIG, "%s '%s': an entry of %s names no column",
                                tide_object_kinds[o->kind].name, o->name, key);
        if (n && !strcmp(v[n - 2], v[i]))
            return tide_err_set(f->err, TIDE_ECONFIG, "%s '%s': column %s is given twice in %s",
                                tide_object_kinds[o->kind].name, o->name, v[i], key);
        if (!v[i + 1])
            continue;
        v[n++] = v[i];
        v[n++] = v[i + 1];
    }
    *nv = n;
    return 0;
}

/* An object's column comments: only where a column can be commented (a
 * view's, a materialized view's, a partition's, a composite type's), each
 * column once, sorted by column; a pair without a comment is left out. */
static int finish_column_comments(finisher *f, tide_object *o)
{
    if (!o->ncolumn_comments)
        return 0;
    if (o->kind != TIDE_OBJ_VIEW && o->kind != TIDE_OBJ_MATVIEW && o->kind != TIDE_OBJ_COMPOSITE &&
        o->kind != TIDE_OBJ_PARTITION)
        return tide_err_set(f->err, TIDE_ECONFIG, "%s '%s': columnComments = is for views, materialized views, "
                            "partitions and types", tide_object_kinds[o->kind].name, o->name);
    return column_pairs(f, o, o->column_comments, &o->ncolumn_comments, "columnComments");
}

/* The table a partition (of a partition ...) of s belongs to, or NULL. */
static const tide_table *root_table(const tide_schema *s, const tide_object *o)
{
    int depth, i;
    for (depth = 0; o && depth < 32; depth++) {
        const tide_table *t = tide_schema_find_table(s, tide_object_table_schema(o), o->table);
        const tide_object *up = NULL;
        if (t)
            return t;
        for (i = 0; i < s->nobjects && !up; i++)
            if (s->objects[i].kind == TIDE_OBJ_PARTITION && !strcmp(s->objects[i].name, o->table) &&
                !cmp_opt(s->objects[i].schema, tide_object_table_schema(o)))
                up = &s->objects[i];
        o = up;
    }
    return NULL;
}

/* Column defaults of an object: a view's (what an INSERT through it takes;
 * a materialized view takes no INSERT) and a partition's own, where they
 * differ from its table's ("null": none where its table has one, as a
 * partition made LIKE its table and attached has; one equal to its table's
 * is left out). Each column once, sorted by column, each expression in its
 * canonical form (a view's: the server's, when a driver spells the view,
 * replaces it; a partition's: as a default of its table's column is); a
 * partition's columns are its table's. */
static int finish_column_defaults(finisher *f, tide_object *o)
{
    const tide_table *t;
    int i, rc;
    if (!o->ncolumn_defaults)
        return 0;
    if (o->kind != TIDE_OBJ_VIEW && o->kind != TIDE_OBJ_PARTITION)
        return tide_err_set(f->err, TIDE_ECONFIG, "%s '%s': columnDefaults = is for views (what an INSERT "
                            "through the view takes) and partitions (a default of their own)",
                            tide_object_kinds[o->kind].name, o->name);
    if ((rc = column_pairs(f, o, o->column_defaults, &o->ncolumn_defaults, "columnDefaults")) < 0)
        return rc;
    t = o->kind == TIDE_OBJ_PARTITION ? root_table(f->s, o) : NULL;
    for (i = 0; t && i < o->ncolumn_defaults; i += 2)
        if (!tide_table_find_column(t, o->column_defaults[i]))
            return tide_err_set(f->err, TIDE_ECONFIG, "partition '%s': columnDefaults names column %s, which its "
                                "table %s does not have", o->name, o->column_defaults[i], t->name);
    for (i = 1; i < o->ncolumn_defaults; i += 2) {
        tide_column c;
        if (!t) {
            if ((rc = canon(f, &o->column_defaults[i], tide_model_canonical_expr)) < 0)
                return rc;
            continue;
        }
        c = *tide_table_find_column(t, o->column_defaults[i - 1]);   /* as a default of that column is */
        c.default_expr = o->column_defaults[i];
        if ((rc = canon_default(f, &c)) < 0)
            return rc;
        o->column_defaults[i] = c.default_expr ? c.default_expr : tide_schema_str(f->s, "null");
        if (!o->column_defaults[i])
            return tide_err_set(f->err, TIDE_ENOMEM, "out of memory");
    }
    if (t && t == tide_schema_find_table(f->s, tide_object_table_schema(o), o->table)) {
        int n = 0;                      /* its table's own default: not a default of its own */
        for (i = 0; i < o->ncolumn_defaults; i += 2) {
            const tide_column *c = tide_table_find_column(t, o->column_defaults[i]);
            const char *d = c->default_expr ? c->default_expr : "null";
            if (!c->autoincrement && !c->generated && !strcmp(d, o->column_defaults[i + 1]))
                continue;
            o->column_defaults[n++] = o->column_defaults[i];
            o->column_defaults[n++] = o->column_defaults[i + 1];
        }
        o->ncolumn_defaults = n;
    }
    return 0;
}

/* Whether o is made after tables (after_tables): a function with a body
 * of SQL (RETURN ..., BEGIN ATOMIC ... END) that names a table, a
 * readable object, a type or a function made after tables (PostgreSQL
 * checks the body when the function is created; one that names none, a
 * pure expression, is made before tables, where a generated column, a
 * default or a CHECK can call it); a function whose arguments or result
 * are a table's row type; a domain over one; an aggregate over or with a
 * state of one, or whose support function is made after tables, and so an
 * operator, an operator class or family or a cast that names one. *end:
 * where the words that decide end (NULL: the whole definition).
 * 1, 0, or -1 out of memory. */
static int made_late(const tide_schema *s, const tide_object *o, const char **end)
{
    const char *def = o->definition, *start;
    int body;
    *end = NULL;
    if (o->kind == TIDE_OBJ_FUNCTION) {
        if ((body = sql_body(def)) != 0)
            return body < 0 ? -1 : names_relation(s, def, def + strlen(def), 1);
        *end = function_head(def, &start);         /* f(r some_table) returns setof t */
        body = names_relation(s, start, *end, 0);
        return body ? body : body_rowtypes(s, NULL, (tide_object *)o, NULL);   /* r some_table%ROWTYPE */
    }
    if (o->kind == TIDE_OBJ_DOMAIN) {               /* a domain over a table's row type */
        *end = domain_base_end(def);
        return names_relation(s, def, *end, 0);
    }
    if (o->kind == TIDE_OBJ_AGGREGATE || o->kind == TIDE_OBJ_OPERATOR || o->kind == TIDE_OBJ_OPFAMILY ||
        o->kind == TIDE_OBJ_OPCLASS || o->kind == TIDE_OBJ_CAST)
        return names_relation(s, def, def + strlen(def), 1);  /* over, or calling, what tables make */
    return 0;
}

static int finish_objects(finisher *f)
{
    tide_schema *s = f->s;
    int i, rc = 0, changed;
    for (i = 0; rc == 0 && i < s->nobjects; i++) {
        tide_object *o = &s->objects[i];
        const char *kind = tide_object_kinds[o->kind].name;
        if (o->schema && !strcmp(o->schema, "public"))
            o->schema = NULL;
        if (!o->name || !*o->name)
            return tide_err_set(f->err, TIDE_ECONFIG, "a %s has no name", kind);
        if (!o->definition || !*o->definition)
            return tide_err_set(f->err, TIDE_ECONFIG, "%s '%s' has no definition (%s)", kind, o->name,
                                tide_object_kinds[o->kind].definition);
        if ((tide_object_kinds[o->kind].flags & TIDE_OBJK_ON_TABLE) && !o->table)
            return tide_err_set(f->err, TIDE_ECONFIG, "%s '%s' names no table", kind, o->name);
        if (o->table_schema && o->kind != TIDE_OBJ_PARTITION)
            return tide_err_set(f->err, TIDE_ECONFIG, "%s '%s': its table '%s.%s' is in another namespace than "
                                "the %s: they share one (only a partition may live apart from its table)",
                                kind, o->name, o->table_schema, o->table, kind);
        if (o->table_schema && !strcmp(o->table_schema, o->schema ? o->schema : "public"))
            o->table_schema = NULL;          /* one namespace: the object's */
        if (o->table && !tide_schema_find_table(s, tide_object_table_schema(o), o->table) &&
            !readable_object(s, tide_object_table_schema(o), o->table))
            return tide_err_set(f->err, TIDE_ECONFIG, "%s '%s%s%s' is on table '%s%s%s', which the schema does "
                                "not have", kind, o->schema ? o->schema : "", o->schema ? "." : "", o->name,
                                o->table_schema ? o->table_schema : "", o->table_schema ? "." : "", o->table);
        {                                    /* "...end;" is "...end": no trailing ; or space */
            size_t n = strlen(o->definition);
            while (n && (o->definition[n - 1] == ';' || isspace((unsigned char)o->definition[n - 1])))
                n--;
            if (o->definition[n] && !(o->definition = tide_schema_strn(s, o->definition, n)))
                return tide_err_set(f->err, TIDE_ENOMEM, "out of memory");
        }
        if (o->kind == TIDE_OBJ_ATTACHED_INDEX && (rc = check_attached(f, o)) < 0)
            return rc;
        int fires = o->kind == TIDE_OBJ_TRIGGER || o->kind == TIDE_OBJ_EVENT_TRIGGER;
        if (o->enabled && (!fires || (strcmp(o->enabled, "disabled") && strcmp(o->enabled, "replica") &&
                                      strcmp(o->enabled, "always"))))
            return tide_err_set(f->err, TIDE_ECONFIG, !fires
                                ? "%s '%s': enabled = is for triggers" : "%s '%s': enabled is '%s': write false "
                                "(disabled), \"replica\" or \"always\", or leave it out (it fires)", kind, o->name, o->enabled);
        if (o->with && o->kind != TIDE_OBJ_VIEW && o->kind != TIDE_OBJ_MATVIEW && o->kind != TIDE_OBJ_PARTITION)
            return tide_err_set(f->err, TIDE_ECONFIG, "%s '%s': with = (options) is for views, "
                                "materialized views and partitions", kind, o->name);
        if ((rc = storage_params(f, &o->with)) < 0)
            return rc;
        if ((o->row_security || o->force_row_security) && o->kind != TIDE_OBJ_PARTITION)
            return tide_err_set(f->err, TIDE_ECONFIG, "%s '%s': rowLevelSecurity = and forceRowLevelSecurity = "
                                "are for partitions (a table says :rowLevelSecurity())", kind, o->name);
        if (o->replica_identity && o->kind != TIDE_OBJ_PARTITION)
            return tide_err_set(f->err, TIDE_ECONFIG, "%s '%s': replicaIdentity = is for partitions (a table "
                                "says :replicaIdentity)", kind, o->name);
        if (o->replica_identity && (rc = replica_word(f, &o->replica_identity)) <= 0)
            return rc < 0 ? rc : tide_err_set(f->err, TIDE_ECONFIG, "%s '%s': replicaIdentity is '%s': write "
                                              "\"full\", \"nothing\" or \"default\" (a partition's using "
                                              "index is not carried: write it in a migration)", kind, o->name,
                                              o->replica_identity);
        if ((rc = finish_column_comments(f, o)) < 0 || (rc = finish_column_defaults(f, o)) < 0)
            return rc;
        if (!o->canonical) {
            o->canonical = o->definition;
            rc = canon(f, &o->canonical, tide_model_canonical_expr);
        }
    }
    sort_list(s->objects, s->nobjects, sizeof *s->objects, cmp_objects);
    for (i = 1; rc == 0 && i < s->nobjects; i++)
        if (same_object(s->nocase, &s->objects[i - 1], &s->objects[i]))
            rc = tide_err_set(f->err, TIDE_ECONFIG, "%s '%s'%s%s is defined twice",
                              tide_object_kinds[s->objects[i].kind].name, s->objects[i].name,
                              s->objects[i].table ? " on table " : "",
                              s->objects[i].table ? s->objects[i].table : "");
    do {                 /* made after tables: until no more is (one can make another so) */
        changed = 0;
        for (i = 0; i < s->nobjects; i++) {
            tide_object *o = &s->objects[i];
            const char *end;
            int late = made_late(s, o, &end);
            if (late < 0)
                return tide_err_set(f->err, TIDE_ENOMEM, "out of memory");
            if (late && !o->after_tables)
                o->after_tables = changed = 1;
        }
    } while (changed);
    for (i = 0; rc == 0 && i < s->nobjects; i++) {
        tide_object *o = &s->objects[i];
        const char *end = NULL;
        if (o->after_tables && made_late(s, o, &end) < 0)
            return tide_err_set(f->err, TIDE_ENOMEM, "out of memory");
        rc = find_reads(f, o, o->after_tables ? end : NULL);
    }
    return rc;
}

/* The listed namespaces sorted, each once, the default one left out. */
static void finish_namespaces(tide_schema *s)
{
    int i, n = 0;
    sort_list(s->namespaces, s->nnamespaces, sizeof *s->namespaces, cmp_named);
    for (i = 0; i < s->nnamespaces; i++)
        if (strcmp(s->namespaces[i], "public") && (!n || strcmp(s->namespaces[n - 1], s->namespaces[i])))
            s->namespaces[n++] = s->namespaces[i];
    s->nnamespaces = n;
    sort_list(s->ns_comments, s->nns_comments, sizeof *s->ns_comments, cmp_named);
    for (i = n = 0; i < s->nns_comments; i++)      /* none empty */
        if (s->ns_comments[i].comment)
            s->ns_comments[n++] = s->ns_comments[i];
    s->nns_comments = n;
}

/* The end of a finish: the objects (when all went well), the finisher's
 * buffers freed, an arena that ran out of memory said. */
static int finish_end(finisher *f, tide_schema *s, int rc, tide_err *err)
{
    if (rc == 0)
        rc = finish_objects(f);
    tide_buf_free(&f->tmp);
    tide_strset_free(&f->spelled);
    free(f->canonical);
    if (rc == 0 && s->arena->failed)
        rc = tide_err_set(err, TIDE_ENOMEM, "out of memory building the schema");
    s->finished = rc == 0;
    return rc;
}

int tide_schema_finish(tide_schema *s, tide_err *err)
{
    finisher f = { .s = s, .tmp = TIDE_BUF_INIT, .err = err, .spelled = TIDE_STRSET_INIT(0) };
    int i, rc = 0;
    if (s->arena->failed)
        return tide_err_set(err, TIDE_ENOMEM, "out of memory building the schema");
    for (i = 0; i < s->nenums; i++)
        if (s->enums[i].schema && !strcmp(s->enums[i].schema, "public"))
            s->enums[i].schema = NULL;
    sort_list(s->enums, s->nenums, sizeof *s->enums, cmp_enums);
    finish_namespaces(s);
    for (i = 1; i < s->nenums; i++)
        if (!cmp_enums(&s->enums[i - 1], &s->enums[i]))
            rc = tide_err_set(err, TIDE_ECONFIG, "enum '%s' is defined twice", s->enums[i].name);
    for (i = 0; rc == 0 && i < s->ntables; i++) {
        s->tables[i]->nocase = s->nocase;
        rc = canon_table(&f, s->tables[i]);
    }
    if (rc == 0)
        sort_list(s->tables, s->ntables, sizeof *s->tables, cmp_tables);
    s->finished = rc == 0;       /* sorted: lookups below may binary-search */
    for (i = 1; rc == 0 && i < s->ntables; i++)
        if (!cmp_tables(&s->tables[i - 1], &s->tables[i]))
            rc = fail_item(&f, s->tables[i], "the table is defined twice");
    if (rc == 0 && s->nocase)
        rc = check_folded_tables(&f);
    for (i = 0; rc == 0 && i < s->ntables; i++) {
        sort_table(s->tables[i]);
        if ((rc = check_table(&f, s->tables[i])) == 0 && (rc = link_enums(&f, s->tables[i])) == 0)
            rc = check_fk_targets(&f, s->tables[i]);
    }
    return finish_end(&f, s, rc, err);
}

/* ---- tables taken from another schema ---------------------------------------- */

/* Whether every column of the tables is an enum's exactly when its type
 * names an enum of s (what link_enums would make of it in s). */
static int enums_link_alike(const tide_schema *s, const tide_schema *lender, tide_table *const *tables, int n)
{
    int i, j;
    for (i = 0; i < s->nenums && s->nenums == lender->nenums; i++)
        if (cmp_enums(&s->enums[i], &lender->enums[i]))
            break;
    if (i == s->nenums && s->nenums == lender->nenums)
        return 1;                    /* the same enums: linked alike by construction */
    for (i = 0; i < n; i++)
        for (j = 0; j < tables[i]->ncolumns; j++)
            if (!tables[i]->columns[j].is_enum != !names_enum(s, tables[i]->columns[j].type))
                return 0;
    return 1;
}

int tide_schema_finish_adopting(tide_schema *s, const tide_schema *lender, tide_table *const *tables,
                                int n, tide_err *err)
{
    finisher f = { .s = s, .tmp = TIDE_BUF_INIT, .err = err, .spelled = TIDE_STRSET_INIT(0) };
    tide_object *objects = s->objects;
    tide_table **own = s->tables, **all;
    int nobjects = s->nobjects, nown, i = 0, j = 0, k = 0, rc;
    if (s->nocase != lender->nocase || s->declared_types != lender->declared_types)
        return 1;
    s->objects = NULL;               /* finished below, once every table is there */
    s->nobjects = 0;
    rc = tide_schema_finish(s, err);
    s->objects = objects;
    s->nobjects = nobjects;
    s->finished = 0;
    if (rc < 0)
        return rc;
    if (!enums_link_alike(s, lender, tables, n))
        return 1;
    nown = s->ntables;
    if (!(all = malloc(sizeof *all * ((size_t)nown + (size_t)n + 1))) ||
        !(s->borrowed = malloc(sizeof *s->borrowed * ((size_t)n + 1)))) {
        free(all);
        return tide_err_set(err, TIDE_ENOMEM, "out of memory");
    }
    memcpy(s->borrowed, tables, sizeof *tables * (size_t)n);
    s->nborrowed = n;
    qsort(s->borrowed, (size_t)n, sizeof *s->borrowed, cmp_address);
    while (i < nown || j < n) {      /* both sorted as finish sorts: merged */
        int c = i == nown ? 1 : j == n ? -1 : cmp_tables(&own[i], &tables[j]);
        if (c == 0)
            rc = fail_item(&f, tables[j], "the table is defined twice");
        all[k++] = c <= 0 ? own[i++] : tables[j++];
    }
    s->tables = all;
    s->ntables = k;
    s->finished = 1;                 /* sorted: lookups below may binary-search */
    if (rc == 0 && s->nocase)
        rc = check_folded_tables(&f);
    for (i = 0; rc == 0 && i < nown; i++)
        rc = check_fk_targets(&f, own[i]);
    free(own);
    return finish_end(&f, s, rc, err);
}

/* ---- lookups --------------------------------------------------------------- */

const tide_table *tide_model_find_table(const tide_schema *s, const char *schema, const char *name,
                                        int nocase)
{
    int lo = 0, hi = s->ntables - 1, i;
    if (!name)
        return NULL;
    if (schema && !strcmp(schema, "public"))
        schema = NULL;
    while (s->finished && lo <= hi) {    /* sorted byte for byte */
        int mid = (lo + hi) / 2, c = cmp_opt(s->tables[mid]->schema, schema);
        if (!c)
            c = cmp_opt(s->tables[mid]->name, name);
        if (!c)
            return s->tables[mid];
        if (c < 0) lo = mid + 1;
        else hi = mid - 1;
    }
    for (i = 0; !s->finished && i < s->ntables; i++)
        if (!cmp_opt(s->tables[i]->schema, schema) && !cmp_opt(s->tables[i]->name, name))
            return s->tables[i];
    for (i = 0; nocase && i < s->ntables; i++)   /* another spelling: a scan */
        if (!cmp_opt(s->tables[i]->schema, schema) && tide_model_same_name(1, s->tables[i]->name, name))
            return s->tables[i];
    return NULL;
}

const tide_table *tide_schema_find_table(const tide_schema *s, const char *schema, const char *name)
{
    return tide_model_find_table(s, schema, name, s->nocase);
}

const tide_enum *tide_schema_find_enum(const tide_schema *s, const char *schema, const char *name)
{
    int i;
    if (schema && !strcmp(schema, "public"))
        schema = NULL;
    for (i = 0; i < s->nenums; i++)   /* few enums: a scan is fine */
        if (!cmp_opt(s->enums[i].schema, schema) && !cmp_opt(s->enums[i].name, name))
            return &s->enums[i];
    return NULL;
}

int tide_schema_has_namespace(const tide_schema *s, const char *ns)
{
    int i;
    for (i = 0; i < s->nnamespaces; i++)
        if (!strcmp(s->namespaces[i], ns))
            return 1;
    return tide_schema_uses_namespace(s, ns);
}

int tide_schema_uses_namespace(const tide_schema *s, const char *ns)
{
    int i;
    for (i = 0; i < s->ntables; i++)
        if (s->tables[i]->schema && !strcmp(s->tables[i]->schema, ns))
            return 1;
    for (i = 0; i < s->nenums; i++)
        if (s->enums[i].schema && !strcmp(s->enums[i].schema, ns))
            return 1;
    for (i = 0; i < s->nobjects; i++)
        if (s->objects[i].schema && !strcmp(s->objects[i].schema, ns))
            return 1;
    return 0;
}

const tide_column *tide_model_find_column(const tide_table *t, const char *name, int nocase)
{
    const tide_column *folded = NULL;
    int i;
    if (!name)
        return NULL;
    for (i = 0; i < t->ncolumns; i++)      /* the exact name first: no folding when it is there */
        if (!strcmp(t->columns[i].name, name))
            return &t->columns[i];
    for (i = 0; nocase && !folded && i < t->ncolumns; i++)
        if (tide_model_same_name(1, t->columns[i].name, name))
            folded = &t->columns[i];
    return folded;
}

const char *tide_table_replica_index(const tide_table *t)
{
    return t->replica_identity && !strncmp(t->replica_identity, "using index ", 12) ? t->replica_identity + 12 : NULL;
}

const tide_column *tide_table_find_column(const tide_table *t, const char *name)
{
    return tide_model_find_column(t, name, t->nocase);
}

const tide_object *tide_schema_find_object(const tide_schema *s, tide_object_kind kind, const char *schema,
                                           const char *name, const char *table)
{
    tide_object key;
    int i;
    memset(&key, 0, sizeof key);
    key.kind = kind;
    key.schema = (char *)(schema && strcmp(schema, "public") ? schema : NULL);
    key.name = (char *)name;
    key.table = (char *)(tide_object_kinds[kind].flags & TIDE_OBJK_ON_TABLE ? table : NULL);
    for (i = 0; i < s->nobjects; i++)       /* exact spelling first */
        if (same_object(0, &s->objects[i], &key))
            return &s->objects[i];
    for (i = 0; s->nocase && i < s->nobjects; i++)
        if (same_object(1, &s->objects[i], &key))
            return &s->objects[i];
    return NULL;
}

const char *tide_object_table_schema(const tide_object *o)
{
    if (!o->table_schema)
        return o->schema;
    return strcmp(o->table_schema, "public") ? o->table_schema : NULL;
}

const tide_object *tide_schema_find_partition(const tide_schema *s, const char *schema, const char *name)
{
    int i;
    if (schema && !strcmp(schema, "public"))
        schema = NULL;
    for (i = 0; i < s->nobjects; i++)
        if (s->objects[i].kind == TIDE_OBJ_PARTITION && !cmp_opt(s->objects[i].schema, schema) &&
            tide_model_same_name(s->nocase, s->objects[i].name, name))
            return &s->objects[i];
    return NULL;
}

int tide_schema_set_nocase(tide_schema *s, int nocase, tide_err *err)
{
    int i;
    s->nocase = nocase != 0;
    for (i = 0; i < s->ntables; i++)
        s->tables[i]->nocase = s->nocase;
    return s->finished ? tide_schema_finish(s, err) : 0;
}

/* The object of a TYPE kind named schema.name (what another type reads: a
 * domain in a composite type, a dictionary in a text search
 * configuration), or NULL. */
static const tide_object *type_object(const tide_schema *s, const char *schema, const char *name)
{
    int i;
    for (i = 0; i < s->nobjects; i++) {
        const tide_object *o = &s->objects[i];
        if ((tide_object_kinds[o->kind].flags & TIDE_OBJK_TYPE) && !cmp_opt(o->schema, schema) &&
            tide_model_same_name(s->nocase, o->name, name))
            return o;
    }
    return NULL;
}

void tide_schema_retain(tide_schema *s, int (*keep_table)(const tide_table *t, void *ud),
                        int (*keep_enum)(const tide_enum *e, void *ud), void *ud)
{
    int i, n = 0;
    for (i = 0; i < s->ntables; i++) {
        if (keep_table(s->tables[i], ud))
            s->tables[n++] = s->tables[i];
        else
            table_free(s->tables[i]);        /* its strings stay in the arena */
    }
    s->ntables = n;
    for (n = 0, i = 0; keep_enum && i < s->nenums; i++)
        if (keep_enum(&s->enums[i], ud))
            s->enums[n++] = s->enums[i];
    if (keep_enum)
        s->nenums = n;
    for (n = 0, i = 0; i < s->nobjects; i++) {
        const tide_object *o = &s->objects[i];
        int j, keep = o->nreads == 0;
        for (j = 0; !keep && j < o->nreads; j++) {
            const char *dot = strchr(o->reads[j], '.');
            char ns[256];
            const tide_table *t;
            snprintf(ns, sizeof ns, "%.*s", dot ? (int)(dot - o->reads[j]) : 0, o->reads[j]);
            t = tide_schema_find_table(s, dot ? ns : NULL, dot ? dot + 1 : o->reads[j]);
            keep = t != NULL || (!o->table && (readable_object(s, dot ? ns : NULL, dot ? dot + 1 : o->reads[j]) ||
                                               type_object(s, dot ? ns : NULL, dot ? dot + 1 : o->reads[j])));
        }
        if (o->table)          /* on a view: decided below, among the objects kept */
            keep = tide_schema_find_table(s, tide_object_table_schema(o), o->table) != NULL ||
                   readable_object(s, tide_object_table_schema(o), o->table) != NULL;
        if (keep)
            s->objects[n++] = *o;
    }
    s->nobjects = n;
    for (n = 0, i = 0; i < s->nobjects; i++) {
        const tide_object *o = &s->objects[i];
        if (!o->table || tide_schema_find_table(s, tide_object_table_schema(o), o->table) ||
            readable_object(s, tide_object_table_schema(o), o->table))
            s->objects[n++] = *o;
    }
    s->nobjects = n;
}

/* ---- copying ------------------------------------------------------------------ */

static int copy_strv(tide_schema *s, char ***v, int *n, char *const *src, int nsrc)
{
    int i, rc = 0;
    for (i = 0; i < nsrc && rc == 0; i++)
        rc = tide_strv_push(s, v, n, src[i]);
    return rc;
}

const char *const tide_con_option_words[TIDE_CON_NOPTIONS] = {
    "deferrable", "initiallyDeferred", "nullsNotDistinct", "notValid", "noInherit", "matchFull"
};

/* The options and conflict resolutions of the primary key and the unique
 * constraints (copied by then: same count, same order). */
static void copy_con_options(tide_schema *s, tide_table *t, const tide_table *a)
{
    int i;
    t->pk_options = a->pk_options;
    t->pk_conflict = tide_schema_str(s, a->pk_conflict);
    t->pk_comment = tide_schema_str(s, a->pk_comment);
    for (i = 0; i < a->nuniques && i < t->nuniques; i++) {
        t->uniques[i].options = a->uniques[i].options;
        t->uniques[i].on_conflict = tide_schema_str(s, a->uniques[i].on_conflict);
        t->uniques[i].comment = tide_schema_str(s, a->uniques[i].comment);
    }
}

static int copy_table(tide_schema *s, const tide_table *a)
{
    tide_table *t = tide_schema_add_table(s, a->schema, a->name);
    int i, rc;
    if (!t)
        return TIDE_ENOMEM;
    t->comment = tide_schema_str(s, a->comment);
    t->options = a->options;
    t->renamed_from = tide_schema_str(s, a->renamed_from);
    t->partition_by = tide_schema_str(s, a->partition_by);
    t->cluster_on = tide_schema_str(s, a->cluster_on);
    t->replica_identity = tide_schema_str(s, a->replica_identity);
    t->with = tide_schema_str(s, a->with);
    if ((rc = copy_strv(s, &t->inherits, &t->ninherits, a->inherits, a->ninherits)) < 0)
        return rc;
    t->pk_name = tide_schema_str(s, a->pk_name);
    if ((rc = copy_strv(s, &t->pk, &t->npk, a->pk, a->npk)) < 0 ||
        (rc = copy_strv(s, &t->pk_include, &t->npk_include, a->pk_include, a->npk_include)) < 0 ||
        (rc = copy_strv(s, &t->pk_desc, &t->npk_desc, a->pk_desc, a->npk_desc)) < 0)
        return rc;
    for (i = 0; i < a->ncolumns; i++) {
        const tide_column *ac = &a->columns[i];
        tide_column *c = tide_table_add_column(s, t, ac->name, ac->type);
        if (!c)
            return TIDE_ENOMEM;
        c->is_enum = ac->is_enum;
        c->nullable = ac->nullable;
        c->default_expr = tide_schema_str(s, ac->default_expr);
        c->autoincrement = ac->autoincrement;
        c->comment = tide_schema_str(s, ac->comment);
        c->collation = tide_schema_str(s, ac->collation);
        c->renamed_from = tide_schema_str(s, ac->renamed_from);
        c->ignore = ac->ignore;
        c->generated = tide_schema_str(s, ac->generated);
        c->generated_stored = ac->generated_stored;
        c->declared = tide_schema_str(s, ac->declared);
        c->default_text = tide_schema_str(s, ac->default_text);
        c->default_server = tide_schema_str(s, ac->default_server);
        c->identity = tide_schema_str(s, ac->identity);
        c->sequence = tide_schema_str(s, ac->sequence);
        c->statistics = tide_schema_str(s, ac->statistics);
        c->storage = tide_schema_str(s, ac->storage);
        c->compression = tide_schema_str(s, ac->compression);
        c->attoptions = tide_schema_str(s, ac->attoptions);
        c->sequence_comment = tide_schema_str(s, ac->sequence_comment);
        c->not_null_conflict = tide_schema_str(s, ac->not_null_conflict);
        c->not_null_said = ac->not_null_said;
    }
    for (i = 0; i < a->nuniques; i++) {
        tide_unique *u = tide_table_add_unique(s, t, a->uniques[i].name);
        if (!u || copy_strv(s, &u->columns, &u->ncolumns, a->uniques[i].columns, a->uniques[i].ncolumns) < 0 ||
            copy_strv(s, &u->include, &u->ninclude, a->uniques[i].include, a->uniques[i].ninclude) < 0)
            return TIDE_ENOMEM;
        u->pos = a->uniques[i].pos;
    }
    for (i = 0; i < a->nindexes; i++) {
        const tide_index *ai = &a->indexes[i];
        tide_index *ix = tide_table_add_index(s, t, ai->name);
        if (!ix || copy_strv(s, &ix->columns, &ix->ncolumns, ai->columns, ai->ncolumns) < 0)
            return TIDE_ENOMEM;
        ix->expression = tide_schema_str(s, ai->expression);
        ix->unique = ai->unique;
        ix->nulls_not_distinct = ai->nulls_not_distinct;
        ix->where = tide_schema_str(s, ai->where);
        ix->method = tide_schema_str(s, ai->method);
        ix->comment = tide_schema_str(s, ai->comment);
        ix->with = tide_schema_str(s, ai->with);
        if (copy_strv(s, &ix->include, &ix->ninclude, ai->include, ai->ninclude) < 0)
            return TIDE_ENOMEM;
    }
    for (i = 0; i < a->nfks; i++) {
        const tide_fk *af = &a->fks[i];
        tide_fk *fk = tide_table_add_fk(s, t, af->name);
        if (!fk || copy_strv(s, &fk->columns, &fk->ncolumns, af->columns, af->ncolumns) < 0 ||
            copy_strv(s, &fk->ref_columns, &fk->nref_columns, af->ref_columns, af->nref_columns) < 0)
            return TIDE_ENOMEM;
        fk->pos = af->pos;
        fk->ref_key = af->ref_key;
        fk->ref_schema = tide_schema_str(s, af->ref_schema);
        fk->ref_table = tide_schema_str(s, af->ref_table);
        fk->on_delete = tide_schema_str(s, af->on_delete);
        fk->on_update = tide_schema_str(s, af->on_update);
        fk->deferrable = af->deferrable;
        fk->initially_deferred = af->initially_deferred;
        fk->options = af->options;
        fk->comment = tide_schema_str(s, af->comment);
    }
    for (i = 0; i < a->nchecks; i++) {
        tide_check *k = tide_table_add_check(s, t, a->checks[i].name, a->checks[i].expr);
        if (!k)
            return TIDE_ENOMEM;
        k->options = a->checks[i].options;
        k->comment = tide_schema_str(s, a->checks[i].comment);
    }
    copy_con_options(s, t, a);
    return 0;
}

tide_schema *tide_schema_copy(const tide_schema *src)
{
    tide_schema *s = tide_schema_new();
    int i, j, rc = s ? 0 : TIDE_ENOMEM;
    if (s) {
        s->nocase = src->nocase;
        s->declared_types = src->declared_types;
    }
    for (i = 0; rc == 0 && i < src->ntables; i++)
        rc = copy_table(s, src->tables[i]);
    if (rc == 0)
        rc = copy_strv(s, &s->namespaces, &s->nnamespaces, src->namespaces, src->nnamespaces);
    for (i = 0; rc == 0 && i < src->nenums; i++) {
        tide_enum *e = tide_schema_add_enum(s, src->enums[i].schema, src->enums[i].name);
        if (!e)
            rc = TIDE_ENOMEM;
        for (j = 0; rc == 0 && j < src->enums[i].nvalues; j++)
            rc = tide_enum_add_value(s, e, src->enums[i].values[j]);
        if (rc == 0 && src->enums[i].comment && !(e->comment = tide_schema_str(s, src->enums[i].comment)))
            rc = TIDE_ENOMEM;
    }
    for (i = 0; rc == 0 && i < src->nns_comments; i++)
        rc = tide_schema_set_namespace_comment(s, src->ns_comments[i].name, src->ns_comments[i].comment);
    for (i = 0; rc == 0 && i < src->nobjects; i++) {
        const tide_object *a = &src->objects[i];
        tide_object *o = tide_schema_add_object(s, a->kind, a->schema, a->name, a->table, a->definition);
        if (!o)
            rc = TIDE_ENOMEM;
        else {
            o->canonical = tide_schema_str(s, a->canonical);
            o->comment = tide_schema_str(s, a->comment);
            o->with = tide_schema_str(s, a->with);
            o->enabled = tide_schema_str(s, a->enabled);
            o->replica_identity = tide_schema_str(s, a->replica_identity);
            o->table_schema = tide_schema_str(s, a->table_schema);
            o->row_security = a->row_security;
            o->force_row_security = a->force_row_security;
            o->renamed_from = tide_schema_str(s, a->renamed_from);
            o->reads_given = a->reads_given;
            if (a->reads_given)
                rc = copy_strv(s, &o->reads, &o->nreads, a->reads, a->nreads);
            if (rc == 0 && a->ncolumn_comments)
                rc = copy_strv(s, &o->column_comments, &o->ncolumn_comments, a->column_comments,
                               a->ncolumn_comments);
            if (rc == 0 && a->ncolumn_defaults)
                rc = copy_strv(s, &o->column_defaults, &o->ncolumn_defaults, a->column_defaults,
                               a->ncolumn_defaults);
        }
    }
    if (rc < 0) {
        tide_schema_free(s);
        return NULL;
    }
    return s;
}
