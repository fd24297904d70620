/* model_lua.c — definitions made by the schema DSL (lua/tide/schema.lua)
 * into the native model, and the loading of the schema folders. The
 * converter reads tables with lua_next, lua_rawgeti and lua_rawlen only: no
 * metamethod runs and nothing is allocated on the Lua side, so it cannot
 * raise (Neovim's converter.c); every failure is a tide_err. */
#include "lua/model_lua.h"
#include "core/buf.h"
#include "core/files.h"
#include "lua/dsl.h"
#include "lua/runtime.h"

#include <lauxlib.h>
#include <nettle/sha2.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The file that defined the table at position i of s->tables (before finish
 * sorts them), or NULL when unknown. */
typedef const char *(*origin_fn)(void *ud, int i);

typedef struct conv {
    tide_schema *s;
    lua_State *L;
    tide_err *err;
    const char *source;     /* the definition's file, for messages */
    origin_fn origin;
    void *origin_ud;
    const char *table;      /* the table being converted ("s.name"), or NULL */
    const char *column;     /* the column being converted, or NULL */
    const char *object;     /* the object being converted ("view 'v'"), or NULL */
    struct early *early;    /* the tables converted as written, while a folder loads */
    char tname[256];
    char oname[300];
} conv;

/* The fields a kind of definition may have; slot i of read_fields holds
 * keys[i]. keys[0] is "__tide" when the kind is tagged. */
typedef struct shape {
    const char *tag;        /* required value of __tide, NULL: untagged */
    const char *what;       /* "a column (t.col ...)", for messages */
    const char *const *keys;
    int nkeys;
} shape;

/* ---- messages ----------------------------------------------------------- */

__attribute__((format(printf, 2, 3)))
static int fail(conv *cv, const char *fmt, ...)
{
    char what[700];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    if (cv->table && cv->column)
        return tide_err_set(cv->err, TIDE_ECONFIG, "%s: table '%s', column '%s': %s", cv->source,
                            cv->table, cv->column, what);
    if (cv->table)
        return tide_err_set(cv->err, TIDE_ECONFIG, "%s: table '%s': %s", cv->source, cv->table, what);
    if (cv->object)
        return tide_err_set(cv->err, TIDE_ECONFIG, "%s: %s: %s", cv->source, cv->object, what);
    return tide_err_set(cv->err, TIDE_ECONFIG, "%s: %s", cv->source, what);
}

static int nomem(conv *cv)
{
    return tide_err_set(cv->err, TIDE_ENOMEM, "%s: out of memory converting the schema", cv->source);
}

static const char *type_of(lua_State *L, int idx)
{
    return lua_typename(L, lua_type(L, idx));
}

/* ---- reading fields -------------------------------------------------------- */

/* The __tide tag of the table at idx, or NULL. The string stays anchored by
 * the table.   [-0, +0, -] (uses 2 slots) */
static const char *peek_tag(lua_State *L, int idx)
{
    const char *tag;
    idx = lua_absindex(L, idx);
    if (lua_type(L, idx) == LUA_TUSERDATA)      /* t.col "x" :type(): a builder of dsl.c */
        return tide_dsl_column(L, idx) ? "column builder" : NULL;
    lua_pushliteral(L, "__tide");
    tag = lua_rawget(L, idx) == LUA_TSTRING ? lua_tostring(L, -1) : NULL;
    lua_pop(L, 1);                      /* the string stays: the table holds it */
    return tag;
}

/* Pushes sh->nkeys slots (*base is the first) holding the fields of the table
 * at idx, nil where absent. A wrong tag is reported before unknown fields:
 * an index where a column belongs is the better message.
 * [-0, +nkeys, -] (the caller restores its top, also on failure) */
static int read_fields(conv *cv, int idx, const shape *sh, int *base)
{
    lua_State *L = cv->L;
    const char *unknown = NULL, *tag;
    int i, stray = 0;
    if (!lua_checkstack(L, sh->nkeys + 4))
        return nomem(cv);
    *base = lua_gettop(L) + 1;
    lua_settop(L, *base + sh->nkeys - 1);
    lua_pushnil(L);
    while (lua_next(L, idx)) {
        const char *key = lua_type(L, -2) == LUA_TSTRING ? lua_tostring(L, -2) : NULL;
        for (i = 0; key && i < sh->nkeys && (sh->keys[i][0] != key[0] || strcmp(sh->keys[i], key)); i++)
            ;
        if (key && i < sh->nkeys) {
            lua_replace(L, *base + i);
            continue;
        }
        if (!key) stray = 1;
        else if (!unknown) unknown = key;     /* anchored by the table */
        lua_pop(L, 1);
    }
    tag = lua_type(L, *base) == LUA_TSTRING ? lua_tostring(L, *base) : NULL;
    if (sh->tag && (!tag || strcmp(tag, sh->tag)))
        return fail(cv, "expected %s, got %s%s", sh->what, tag ? "a " : "a plain table", tag ? tag : "");
    if (unknown)
        return fail(cv, "%s has an unknown field '%s'", sh->what, unknown);
    if (stray)
        return fail(cv, "%s has list entries; its fields are named", sh->what);
    return 0;
}

static int opt_str(conv *cv, int slot, const char *field, const char **out)
{
    size_t len;
    *out = NULL;
    if (lua_isnil(cv->L, slot))
        return 0;
    if (lua_type(cv->L, slot) != LUA_TSTRING)
        return fail(cv, "%s must be a string, not a %s", field, type_of(cv->L, slot));
    *out = lua_tolstring(cv->L, slot, &len);
    if (strlen(*out) != len)
        return fail(cv, "%s contains a NUL byte", field);
    return 0;
}

static int req_str(conv *cv, int slot, const char *field, const char **out)
{
    int rc = opt_str(cv, slot, field, out);
    if (rc == 0 && (!*out || !**out))
        return fail(cv, "%s is required (a non-empty string)", field);
    return rc;
}

static int opt_bool(conv *cv, int slot, const char *field, int *out)
{
    int t = lua_type(cv->L, slot);
    if (t != LUA_TNIL && t != LUA_TBOOLEAN)
        return fail(cv, "%s must be true or false, not a %s", field, type_of(cv->L, slot));
    *out = lua_toboolean(cv->L, slot);
    return 0;
}

/* Appends the strings of the list at slot to (*v, *n); required: it must
 * have at least one.   [-0, +0, -] (uses 1 slot) */
static int str_list(conv *cv, int slot, const char *field, int required, char ***v, int *n)
{
    lua_State *L = cv->L;
    lua_Integer i, len;
    int rc = 0;
    if (lua_isnil(L, slot))
        return required ? fail(cv, "%s is required", field) : 0;
    if (lua_type(L, slot) != LUA_TTABLE)
        return fail(cv, "%s must be a list of strings, not a %s", field, type_of(L, slot));
    len = (lua_Integer)lua_rawlen(L, slot);
    if (required && len == 0)
        return fail(cv, "%s must not be empty", field);
    for (i = 1; rc == 0 && i <= len; i++) {
        if (lua_rawgeti(L, slot, i) != LUA_TSTRING || !*lua_tostring(L, -1))
            rc = fail(cv, "%s: entry %d must be a non-empty string", field, (int)i);
        else if (tide_strv_push(cv->s, v, n, lua_tostring(L, -1)) < 0)
            rc = nomem(cv);
        lua_pop(L, 1);
    }
    return rc;
}

/* A foreign key action: NULL for "no action" (the model's canonical form). */
/* The word at slot among words (any case): its index in *at, -1 when nil;
 * another word is an error naming what it is not and listing the words. */
static int one_of(conv *cv, int slot, const char *field, const char *what, const char *const *words,
                  int n, int *at)
{
    char list[160] = "";
    const char *w;
    int i, rc;
    *at = -1;
    if ((rc = opt_str(cv, slot, field, &w)) < 0 || !w)
        return rc;
    for (i = 0; i < n && strcasecmp(w, words[i]); i++)
        ;
    if (i < n) {
        *at = i;
        return 0;
    }
    for (i = 0; i < n; i++)
        snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s", i ? ", " : "", words[i]);
    return fail(cv, "%s: '%s' is not %s (%s)", field, w, what, list);
}

static int action(conv *cv, int slot, const char *field, const char **out)
{
    static const char *const actions[] = { "no action", "restrict", "cascade", "set null", "set default" };
    const char *w;
    int i, rc;
    if (!strcmp(field, "onDelete") && lua_type(cv->L, slot) == LUA_TSTRING &&
        strchr(w = lua_tostring(cv->L, slot), '(')) {    /* "set null (a, b)": the DSL checked its form */
        size_t n = strlen(w);
        if ((strncasecmp(w, "set null (", 10) && strncasecmp(w, "set default (", 13)) || w[n - 1] != ')')
            return fail(cv, "%s: '%s' is not a foreign key action (write \"set null (columns)\" or "
                        "\"set default (columns)\")", field, w);
        *out = w;
        return 0;
    }
    rc = one_of(cv, slot, field, "a foreign key action", actions, 5, &i);
    *out = i > 0 ? actions[i] : NULL;    /* copied by the caller; "no action" is none */
    return rc;
}

/* An ON CONFLICT resolution (tide_conflict_words), in the schema's arena; NULL: none. */
static int conflict(conv *cv, int slot, const char *field, char **out)
{
    int i, rc = one_of(cv, slot, field, "an ON CONFLICT resolution", tide_conflict_words, TIDE_NCONFLICT, &i);
    *out = i >= 0 ? tide_schema_str(cv->s, tide_conflict_words[i]) : NULL;
    return rc;
}

/* ---- enums ------------------------------------------------------------------ */

/* "a, b, c" of the list at slot, or of e.   [-0, +0, -] (uses 1 slot) */
static void join_values(lua_State *L, int slot, const tide_enum *e, tide_buf *out)
{
    lua_Integer i, n = e ? e->nvalues : (lua_Integer)lua_rawlen(L, slot);
    for (i = 0; i < n; i++) {
        const char *v = e ? e->values[i] : (lua_rawgeti(L, slot, i + 1), lua_tostring(L, -1));
        tide_buf_printf(out, "%s%s", i ? ", " : "", v ? v : "?");
        if (!e)
            lua_pop(L, 1);
    }
}

/* An enum used again with other values: names this place and the first. */
static int enum_conflict(conv *cv, const tide_enum *e, const char *type, int slot)
{
    tide_buf here = TIDE_BUF_INIT, there = TIDE_BUF_INIT;
    const char *table = NULL, *column = NULL, *file = NULL;
    int i, j, rc;
    for (i = 0; !table && i < cv->s->ntables; i++) {
        const tide_table *t = cv->s->tables[i];
        for (j = 0; !table && j < t->ncolumns; j++)
            if (t->columns[j].is_enum && !strcmp(t->columns[j].type, type)) {
                table = t->name, column = t->columns[j].name;
                file = cv->origin ? cv->origin(cv->origin_ud, i) : NULL;
            }
    }
    join_values(cv->L, slot, NULL, &here);
    join_values(cv->L, 0, e, &there);
    rc = fail(cv, "enum '%s' is declared with the values (%s), but table '%s', column '%s'%s%s "
              "declared it with (%s); an enum has the same values everywhere it is used",
              type, here.data ? here.data : "", table ? table : "?", column ? column : "?",
              file ? " in " : "", file ? file : "", there.data ? there.data : "");
    tide_buf_free(&here);
    tide_buf_free(&there);
    return rc;
}

/* The enum's comment (COMMENT ON TYPE), from whichever column gives one;
 * two columns giving different ones is an error. */
static int enum_comment(conv *cv, tide_enum *e, const char *type, const char *comment)
{
    if (!comment)
        return 0;
    if (e->comment && strcmp(e->comment, comment))
        return fail(cv, "enum '%s' is given two comments ('%s' and '%s'); give it one", type, e->comment, comment);
    return e->comment || (e->comment = tide_schema_str(cv->s, comment)) ? 0 : nomem(cv);
}

/* Declares the enum a column's type names ("name" or "schema.name") with the
 * values at slot, or checks them against its first declaration. */
/* Whether def is one of the values of the enum list at slot written bare
 * (open, not 'open').   [-0, +0, -] */
static int bare_enum_value(lua_State *L, int slot, const char *def)
{
    int i, n = (int)lua_rawlen(L, slot), hit = 0;
    for (i = 1; i <= n && !hit; i++) {
        hit = lua_rawgeti(L, slot, i) == LUA_TSTRING && *lua_tostring(L, -1) &&
              !strcasecmp(lua_tostring(L, -1), def);
        lua_pop(L, 1);
    }
    return hit;
}

static int declare_enum(conv *cv, const char *type, int slot, const char *comment)
{
    lua_State *L = cv->L;
    const char *dot = strchr(type, '.'), *name = dot ? dot + 1 : type;
    char *schema = dot ? tide_schema_strn(cv->s, type, (size_t)(dot - type)) : NULL;
    const tide_enum *found;
    tide_enum *e;
    int i, n, rc = 0;
    if (dot && !schema)
        return nomem(cv);
    if (lua_type(L, slot) != LUA_TTABLE)      /* {}: no values yet, as PostgreSQL allows */
        return fail(cv, "enum '%s' needs a list of values, not %s", type, type_of(L, slot));
    n = (int)lua_rawlen(L, slot);
    for (i = 1; i <= n; i++) {
        int ok = lua_rawgeti(L, slot, i) == LUA_TSTRING;   /* '' is a label PostgreSQL takes */
        lua_pop(L, 1);
        if (!ok)
            return fail(cv, "enum '%s': value %d must be a string", type, i);
    }
    if ((found = tide_schema_find_enum(cv->s, schema, name))) {
        for (i = 0; i < n && n == found->nvalues; i++) {
            lua_rawgeti(L, slot, i + 1);
            rc = strcmp(lua_tostring(L, -1), found->values[i]);
            lua_pop(L, 1);
            if (rc)
                break;
        }
        if (n != found->nvalues || i != n)
            return enum_conflict(cv, found, type, slot);
        return enum_comment(cv, &cv->s->enums[found - cv->s->enums], type, comment);
    }
    if (!(e = tide_schema_add_enum(cv->s, schema, name)))
        return nomem(cv);
    for (i = 1; rc == 0 && i <= n; i++) {
        lua_rawgeti(L, slot, i);
        if (tide_enum_add_value(cv->s, e, lua_tostring(L, -1)) < 0)
            rc = nomem(cv);
        lua_pop(L, 1);
    }
    return rc ? rc : enum_comment(cv, e, type, comment);
}

/* ---- columns ----------------------------------------------------------------- */

static const char *const column_keys[] = {
    "__tide", "name", "type", "autoincrement", "nullable", "primary", "default", "unique",
    "references", "comment", "renamedFrom", "ignoreChanges", "collate", "enum", "generated",
    "stored", "identity", "sequence", "statistics", "storage", "compression", "notNull",
    "notNullOnConflict", "primaryOnConflict", "uniqueOnConflict", "enumComment", "sequenceComment",
    "attributeOptions", "primaryDesc"
};
enum { C_TAG, C_NAME, C_TYPE, C_AUTO, C_NULL, C_PRIMARY, C_DEFAULT, C_UNIQUE, C_REFS,
       C_COMMENT, C_RENAMED, C_IGNORE, C_COLLATE, C_ENUM, C_GENERATED, C_STORED, C_IDENTITY,
       C_SEQUENCE, C_STATISTICS, C_STORAGE, C_COMPRESSION, C_NOT_NULL, C_NOT_NULL_CONFLICT,
       C_PRIMARY_CONFLICT, C_UNIQUE_CONFLICT, C_ENUM_COMMENT, C_SEQUENCE_COMMENT, C_ATTOPTIONS,
       C_PRIMARY_DESC, C_N };
static const shape column_shape = { "column", "a column (t.col \"name\" :type())", column_keys, C_N };

static const char *const ref_keys[] = {
    "table", "schema", "column", "onDelete", "onUpdate", "name", "deferrable", "initiallyDeferred"
};
enum { R_TABLE, R_SCHEMA, R_COLUMN, R_DELETE, R_UPDATE, R_NAME, R_DEFERRABLE, R_DEFERRED, R_N };
static const shape ref_shape = { NULL, "references", ref_keys, R_N };

/* The ignoreChanges list at slot as TIDE_IGNORE_* bits. */
static int ignore_bits(conv *cv, int slot, unsigned *out)
{
    static const char *const words[] = { "type", "default", "extra" };
    lua_State *L = cv->L;
    lua_Integer i, n;
    *out = 0;
    if (lua_isnil(L, slot))
        return 0;
    if (lua_type(L, slot) != LUA_TTABLE)
        return fail(cv, "ignoreChanges must be a list, not a %s", type_of(L, slot));
    n = (lua_Integer)lua_rawlen(L, slot);
    for (i = 1; i <= n; i++) {
        const char *w = lua_rawgeti(L, slot, i) == LUA_TSTRING ? lua_tostring(L, -1) : "";
        unsigned bit = !strcmp(w, words[0]) ? TIDE_IGNORE_TYPE : !strcmp(w, words[1])
                       ? TIDE_IGNORE_DEFAULT : !strcmp(w, words[2]) ? TIDE_IGNORE_EXTRA : 0;
        lua_pop(L, 1);
        if (!bit)
            return fail(cv, "ignoreChanges: entry %d must be \"type\", \"default\" or \"extra\"", (int)i);
        *out |= bit;
    }
    return 0;
}

/* Actions and deferral of a foreign key, from four consecutive slots
 * (onDelete, onUpdate, deferrable, initiallyDeferred). */
static int fk_options(conv *cv, tide_fk *fk, int del, int upd, int deferrable, int deferred)
{
    const char *on_delete, *on_update;
    int rc;
    if ((rc = action(cv, del, "onDelete", &on_delete)) < 0 ||
        (rc = action(cv, upd, "onUpdate", &on_update)) < 0 ||
        (rc = opt_bool(cv, deferrable, "deferrable", &fk->deferrable)) < 0 ||
        (rc = opt_bool(cv, deferred, "initiallyDeferred", &fk->initially_deferred)) < 0)
        return rc;
    if (fk->initially_deferred && !lua_isnil(cv->L, deferrable) && !fk->deferrable)
        return fail(cv, "initiallyDeferred needs deferrable");
    fk->deferrable |= fk->initially_deferred;
    fk->on_delete = tide_schema_str(cv->s, on_delete);
    fk->on_update = tide_schema_str(cv->s, on_update);
    return 0;
}

/* A column's :references(table, column, options) as a foreign key. */
static int column_fk(conv *cv, tide_table *t, const char *column, int idx)
{
    lua_State *L = cv->L;
    int top = lua_gettop(L), base, rc;
    const char *table, *schema, *ref, *name;
    tide_fk *fk;
    if (lua_type(L, idx) != LUA_TTABLE) {
        rc = fail(cv, "references must be a table, not a %s", type_of(L, idx));
        goto done;
    }
    if ((rc = read_fields(cv, idx, &ref_shape, &base)) < 0 ||
        (rc = req_str(cv, base + R_TABLE, "references.table", &table)) < 0 ||
        (rc = opt_str(cv, base + R_SCHEMA, "references.schema", &schema)) < 0 ||
        (rc = opt_str(cv, base + R_COLUMN, "references.column", &ref)) < 0 ||
        (rc = opt_str(cv, base + R_NAME, "references.name", &name)) < 0)
        goto done;
    if (!(fk = tide_table_add_fk(cv->s, t, name))) {
        rc = nomem(cv);
        goto done;
    }
    fk->ref_schema = tide_schema_str(cv->s, schema);
    fk->ref_table = tide_schema_str(cv->s, table);
    if (tide_strv_push(cv->s, &fk->columns, &fk->ncolumns, column) < 0 ||
        (ref && tide_strv_push(cv->s, &fk->ref_columns, &fk->nref_columns, ref) < 0)) {
        rc = nomem(cv);
        goto done;
    }
    rc = fk_options(cv, fk, base + R_DELETE, base + R_UPDATE, base + R_DEFERRABLE, base + R_DEFERRED);
done:
    lua_settop(L, top);
    return rc;
}

/* statistics (a whole number 0..10000, kept as text), storage,
 * compression and attribute options (PostgreSQL's column options; the
 * driver's normalize spells and checks the attribute options). */
static int column_storage(conv *cv, tide_column *c, int base)
{
    static const char *const storages[] = { "plain", "external", "extended", "main", NULL };
    const char *storage, *compression, *attoptions;
    char num[32];
    int rc, i;
    if ((rc = opt_str(cv, base + C_STORAGE, "storage", &storage)) < 0 ||
        (rc = opt_str(cv, base + C_COMPRESSION, "compression", &compression)) < 0 ||
        (rc = opt_str(cv, base + C_ATTOPTIONS, "attributeOptions", &attoptions)) < 0)
        return rc;
    if (attoptions && !(c->attoptions = tide_schema_str(cv->s, attoptions)))
        return nomem(cv);
    if (!lua_isnil(cv->L, base + C_STATISTICS)) {
        int ok = 0;
        lua_Integer n = lua_tointegerx(cv->L, base + C_STATISTICS, &ok);
        if (!ok || n < 0 || n > 10000)
            return fail(cv, "statistics must be a whole number from 0 to 10000");
        snprintf(num, sizeof num, "%lld", (long long)n);
        if (!(c->statistics = tide_schema_str(cv->s, num)))
            return nomem(cv);
    }
    for (i = 0; storage && storages[i] && strcmp(storage, storages[i]); i++)
        ;
    if (storage && !storages[i])
        return fail(cv, "storage must be \"plain\", \"external\", \"extended\" or \"main\", not '%s'", storage);
    if (compression && strcmp(compression, "pglz") && strcmp(compression, "lz4"))
        return fail(cv, "compression must be \"pglz\" or \"lz4\", not '%s'", compression);
    c->storage = tide_schema_str(cv->s, storage);
    c->compression = tide_schema_str(cv->s, compression);
    return 0;
}

/* identity ("always", "by default") and the options of the column's own
 * sequence (serial or identity). */
static int column_identity(conv *cv, tide_column *c, int base)
{
    const char *identity, *sequence, *comment;
    int rc;
    if ((rc = opt_str(cv, base + C_IDENTITY, "identity", &identity)) < 0 ||
        (rc = opt_str(cv, base + C_SEQUENCE, "sequence", &sequence)) < 0 ||
        (rc = opt_str(cv, base + C_SEQUENCE_COMMENT, "sequenceComment", &comment)) < 0)
        return rc;
    if (identity && strcmp(identity, "always") && strcmp(identity, "by default"))
        return fail(cv, "identity must be \"always\" or \"by default\", not '%s'", identity);
    if (identity)
        c->autoincrement = 1;
    if ((sequence || comment) && !c->autoincrement)
        return fail(cv, "%s applies to a serial or identity column (:serial(), :identity())",
                    sequence ? "sequence" : "sequenceComment");
    c->sequence_comment = tide_schema_str(cv->s, comment);
    c->identity = tide_schema_str(cv->s, identity);
    c->sequence = tide_schema_str(cv->s, sequence);
    return column_storage(cv, c, base);
}

/* notNull (the default said) and its ON CONFLICT resolution. */
static int column_not_null(conv *cv, tide_column *c, int base)
{
    int not_null, rc;
    char *word;
    if ((rc = opt_bool(cv, base + C_NOT_NULL, "notNull", &not_null)) < 0 ||
        (rc = conflict(cv, base + C_NOT_NULL_CONFLICT, "notNullOnConflict", &word)) < 0)
        return rc;
    if ((not_null || word) && c->nullable)
        return fail(cv, "%s and nullable contradict each other; keep one",
                    word ? "notNullOnConflict" : "notNull");
    c->not_null_conflict = word;
    c->not_null_said = not_null;
    return 0;
}

/* Plain attributes: the column itself, added to t. */
static int column_attrs(conv *cv, tide_table *t, const char *name, int base)
{
    const char *type, *def, *comment, *renamed, *collate, *generated, *enum_comment_text;
    int nullable, autoinc, stored, rc;
    unsigned ignore;
    tide_column *c;
    if ((rc = opt_str(cv, base + C_TYPE, "type", &type)) < 0 ||
        (rc = opt_bool(cv, base + C_NULL, "nullable", &nullable)) < 0 ||
        (rc = opt_bool(cv, base + C_AUTO, "autoincrement", &autoinc)) < 0 ||
        (rc = opt_str(cv, base + C_DEFAULT, "default", &def)) < 0 ||
        (rc = opt_str(cv, base + C_COMMENT, "comment", &comment)) < 0 ||
        (rc = opt_str(cv, base + C_RENAMED, "renamedFrom", &renamed)) < 0 ||
        (rc = opt_str(cv, base + C_COLLATE, "collate", &collate)) < 0 ||
        (rc = opt_str(cv, base + C_GENERATED, "generated", &generated)) < 0 ||
        (rc = opt_bool(cv, base + C_STORED, "stored", &stored)) < 0 ||
        (rc = opt_str(cv, base + C_ENUM_COMMENT, "enumComment", &enum_comment_text)) < 0 ||
        (rc = ignore_bits(cv, base + C_IGNORE, &ignore)) < 0)
        return rc;
    if (!type)                          /* "": declared with no type (SQLite) */
        return fail(cv, "type is required (a string)");
    if (stored && !generated)
        return fail(cv, "stored applies to a generated column (:generated(expr, { stored = true }))");
    if (generated && (def || autoinc))
        return fail(cv, "a generated column has no %s", def ? "default" : "autoincrement");
    if (enum_comment_text && lua_isnil(cv->L, base + C_ENUM))
        return fail(cv, "enumComment applies to a column that declares its enum (:enum(name, values, { comment = }))");
    if (!lua_isnil(cv->L, base + C_ENUM) && (rc = declare_enum(cv, type, base + C_ENUM, enum_comment_text)) < 0)
        return rc;
    if (def && !lua_isnil(cv->L, base + C_ENUM) && bare_enum_value(cv->L, base + C_ENUM, def))
        return fail(cv, "default %s is a bare word, which the database reads as a column name (PostgreSQL: "
                    "\"cannot use column reference in DEFAULT expression\"); an enum value is a string: "
                    ":default(\"'%s'\")", def, def);
    if (!(c = tide_table_add_column(cv->s, t, name, type)))
        return nomem(cv);
    c->is_enum = !lua_isnil(cv->L, base + C_ENUM);
    c->declared = tide_schema_str(cv->s, type);     /* as written: SQLite declares it so */
    c->nullable = nullable;
    c->autoincrement = autoinc;
    c->default_expr = tide_schema_str(cv->s, def);
    c->default_text = c->default_expr;              /* canonical is a copy: this stays */
    c->comment = tide_schema_str(cv->s, comment);
    c->renamed_from = tide_schema_str(cv->s, renamed);
    c->collation = tide_schema_str(cv->s, collate);
    c->ignore = ignore;
    c->generated = tide_schema_str(cv->s, generated);
    c->generated_stored = stored;
    if ((rc = column_not_null(cv, c, base)) < 0)
        return rc;
    return column_identity(cv, c, base);
}

/* :primary(), :unique() and :references() of the column. */
static int column_constraints(conv *cv, tide_table *t, const char *name, int base)
{
    lua_State *L = cv->L;
    int primary, desc, rc, unique = lua_type(L, base + C_UNIQUE);
    char *pk_word, *unique_word;
    tide_unique *u;
    if ((rc = opt_bool(cv, base + C_PRIMARY, "primary", &primary)) < 0 ||
        (rc = opt_bool(cv, base + C_PRIMARY_DESC, "primaryDesc", &desc)) < 0 ||
        (rc = conflict(cv, base + C_PRIMARY_CONFLICT, "primaryOnConflict", &pk_word)) < 0 ||
        (rc = conflict(cv, base + C_UNIQUE_CONFLICT, "uniqueOnConflict", &unique_word)) < 0)
        return rc;
    if ((pk_word && !primary) || (unique_word && !lua_toboolean(L, base + C_UNIQUE)))
        return fail(cv, "%s applies to a %s column", pk_word && !primary ? "primaryOnConflict" : "uniqueOnConflict",
                    pk_word && !primary ? "primary key" : "unique");
    if (desc && !primary)
        return fail(cv, "primaryDesc applies to a primary key column");
    if ((primary && tide_table_add_pk_column(cv->s, t, name) < 0) ||
        (desc && tide_strv_push(cv->s, &t->pk_desc, &t->npk_desc, name) < 0))
        return nomem(cv);
    if (pk_word)
        t->pk_conflict = pk_word;
    if (unique != LUA_TNIL && unique != LUA_TBOOLEAN && unique != LUA_TSTRING)
        return fail(cv, "unique must be true or a constraint name, not a %s", type_of(L, base + C_UNIQUE));
    if (unique == LUA_TSTRING || lua_toboolean(L, base + C_UNIQUE)) {
        const char *uname = unique == LUA_TSTRING ? lua_tostring(L, base + C_UNIQUE) : NULL;
        if (!(u = tide_table_add_unique(cv->s, t, uname)) ||
            tide_strv_push(cv->s, &u->columns, &u->ncolumns, name) < 0)
            return nomem(cv);
        u->on_conflict = unique_word;
    }
    return lua_isnil(L, base + C_REFS) ? 0 : column_fk(cv, t, name, base + C_REFS);
}

static int convert_column(conv *cv, tide_table *t, int idx)
{
    lua_State *L = cv->L;
    int top = lua_gettop(L), base, rc;
    const char *name;
    cv->column = NULL;
    if ((rc = read_fields(cv, idx, &column_shape, &base)) < 0 ||
        (rc = req_str(cv, base + C_NAME, "the column's name", &name)) < 0)
        goto done;
    cv->column = name;
    if ((rc = column_attrs(cv, t, name, base)) < 0 ||
        (rc = column_constraints(cv, t, name, base)) < 0)
        goto done;
    cv->column = NULL;
done:
    lua_settop(L, top);
    return rc;
}

/* ---- table items --------------------------------------------------------- */

static const char *const named_keys[] = { "__tide", "name", "columns", "deferrable",
                                          "initiallyDeferred", "nullsNotDistinct", "onConflict", "comment",
                                          "include", "desc" };
enum { N_TAG, N_NAME, N_COLUMNS, N_DEFERRABLE, N_DEFERRED, N_NND, N_CONFLICT, N_COMMENT, N_INCLUDE, N_DESC,
       N_N };

/* A key's deferrable, initiallyDeferred (and for a unique constraint
 * nullsNotDistinct) as TIDE_CON_* bits. */
static int key_options(conv *cv, int base, const char *what, int unique, unsigned *out)
{
    int deferrable, deferred, nnd, rc;
    if ((rc = opt_bool(cv, base + N_DEFERRABLE, "deferrable", &deferrable)) < 0 ||
        (rc = opt_bool(cv, base + N_DEFERRED, "initiallyDeferred", &deferred)) < 0 ||
        (rc = opt_bool(cv, base + N_NND, "nullsNotDistinct", &nnd)) < 0)
        return rc;
    if (nnd && !unique)
        return fail(cv, "%s: nullsNotDistinct applies to t.unique", what);
    if (deferred && !lua_isnil(cv->L, base + N_DEFERRABLE) && !deferrable)
        return fail(cv, "%s: initiallyDeferred needs deferrable", what);
    *out = (deferrable || deferred ? TIDE_CON_DEFERRABLE : 0) | (deferred ? TIDE_CON_INITIALLY_DEFERRED : 0) |
           (nnd ? TIDE_CON_NULLS_NOT_DISTINCT : 0);
    return 0;
}
static const shape primary_shape = { "primary", "a primary key (t.primary { ... })", named_keys, N_N };
static const shape unique_shape = { "unique", "a unique constraint (t.unique { ... })", named_keys, N_N };

static int convert_primary(conv *cv, tide_table *t, int idx)
{
    int top = lua_gettop(cv->L), base, rc;
    const char *name, *comment;
    if (t->npk > 0) {
        rc = fail(cv, "the primary key is given twice (a column's :primary() and t.primary); keep one");
        goto done;
    }
    if ((rc = read_fields(cv, idx, &primary_shape, &base)) < 0 ||
        (rc = opt_str(cv, base + N_NAME, "t.primary: name", &name)) < 0 ||
        (rc = opt_str(cv, base + N_COMMENT, "t.primary: comment", &comment)) < 0 ||
        (rc = str_list(cv, base + N_COLUMNS, "t.primary: columns", 1, &t->pk, &t->npk)) < 0 ||
        (rc = key_options(cv, base, "t.primary", 0, &t->pk_options)) < 0 ||
        (rc = conflict(cv, base + N_CONFLICT, "t.primary: onConflict", &t->pk_conflict)) < 0 ||
        (rc = str_list(cv, base + N_INCLUDE, "t.primary: include", 0, &t->pk_include, &t->npk_include)) < 0 ||
        (rc = str_list(cv, base + N_DESC, "t.primary: desc", 0, &t->pk_desc, &t->npk_desc)) < 0)
        goto done;
    t->pk_name = tide_schema_str(cv->s, name);
    t->pk_comment = tide_schema_str(cv->s, comment);
done:
    lua_settop(cv->L, top);
    return rc;
}

static int convert_unique(conv *cv, tide_table *t, int idx)
{
    int top = lua_gettop(cv->L), base, rc;
    const char *name, *comment;
    tide_unique *u;
    if ((rc = read_fields(cv, idx, &unique_shape, &base)) < 0 ||
        (rc = opt_str(cv, base + N_NAME, "t.unique: name", &name)) < 0 ||
        (rc = opt_str(cv, base + N_COMMENT, "t.unique: comment", &comment)) < 0)
        goto done;
    if (!lua_isnil(cv->L, base + N_DESC)) {
        rc = fail(cv, "t.unique: desc applies to t.primary (a unique constraint's columns ascend)");
        goto done;
    }
    if (!(u = tide_table_add_unique(cv->s, t, name)) || (comment && !(u->comment = tide_schema_str(cv->s, comment))))
        rc = nomem(cv);
    else if ((rc = str_list(cv, base + N_COLUMNS, "t.unique: columns", 1, &u->columns, &u->ncolumns)) == 0 &&
             (rc = key_options(cv, base, "t.unique", 1, &u->options)) == 0 &&
             (rc = str_list(cv, base + N_INCLUDE, "t.unique: include", 0, &u->include, &u->ninclude)) == 0)
        rc = conflict(cv, base + N_CONFLICT, "t.unique: onConflict", &u->on_conflict);
done:
    lua_settop(cv->L, top);
    return rc;
}

static const char *const index_keys[] = {
    "__tide", "name", "columns", "expression", "unique", "where", "using", "comment", "include", "with",
    "nullsNotDistinct"
};
enum { I_TAG, I_NAME, I_COLUMNS, I_EXPR, I_UNIQUE, I_WHERE, I_USING, I_COMMENT, I_INCLUDE, I_WITH, I_NND, I_N };
static const shape index_shape = { "index", "an index (t.index { ... })", index_keys, I_N };

static int convert_index(conv *cv, tide_table *t, int idx)
{
    int top = lua_gettop(cv->L), base, rc, unique, nnd;
    const char *name, *expr, *where, *using, *comment, *with;
    tide_index *ix;
    if ((rc = read_fields(cv, idx, &index_shape, &base)) < 0 ||
        (rc = opt_str(cv, base + I_NAME, "t.index: name", &name)) < 0 ||
        (rc = opt_str(cv, base + I_EXPR, "t.index: expression", &expr)) < 0 ||
        (rc = opt_str(cv, base + I_WHERE, "t.index: where", &where)) < 0 ||
        (rc = opt_str(cv, base + I_USING, "t.index: using", &using)) < 0 ||
        (rc = opt_str(cv, base + I_COMMENT, "t.index: comment", &comment)) < 0 ||
        (rc = opt_str(cv, base + I_WITH, "t.index: with", &with)) < 0 ||
        (rc = opt_bool(cv, base + I_UNIQUE, "t.index: unique", &unique)) < 0 ||
        (rc = opt_bool(cv, base + I_NND, "t.index: nullsNotDistinct", &nnd)) < 0)
        goto done;
    if (nnd && !unique) {
        rc = fail(cv, "t.index: nullsNotDistinct applies to a unique index (unique = true)");
        goto done;
    }
    if (!(ix = tide_table_add_index(cv->s, t, name))) {
        rc = nomem(cv);
        goto done;
    }
    ix->expression = tide_schema_str(cv->s, expr);
    ix->where = tide_schema_str(cv->s, where);
    ix->method = using && strcasecmp(using, "btree") ? tide_schema_str(cv->s, using) : NULL;
    ix->unique = unique;
    ix->nulls_not_distinct = nnd;
    ix->comment = tide_schema_str(cv->s, comment);
    ix->with = tide_schema_str(cv->s, with);
    if ((rc = str_list(cv, base + I_COLUMNS, "t.index: columns", 0, &ix->columns, &ix->ncolumns)) < 0 ||
        (rc = str_list(cv, base + I_INCLUDE, "t.index: include", 0, &ix->include, &ix->ninclude)) < 0)
        goto done;
    if ((ix->ncolumns > 0) == (expr != NULL))
        rc = fail(cv, "an index needs either columns or an expression%s", expr ? ", not both" : "");
done:
    lua_settop(cv->L, top);
    return rc;
}

static const char *const foreign_keys[] = {
    "__tide", "name", "columns", "table", "schema", "refColumns",
    "onDelete", "onUpdate", "deferrable", "initiallyDeferred", "notValid", "comment", "matchFull"
};
enum { F_TAG, F_NAME, F_COLUMNS, F_TABLE, F_SCHEMA, F_REFS, F_DELETE, F_UPDATE,
       F_DEFERRABLE, F_DEFERRED, F_NOT_VALID, F_COMMENT, F_MATCH_FULL, F_N };
static const shape foreign_shape = { "foreign", "a foreign key (t.foreign { ... })", foreign_keys, F_N };

static int convert_foreign(conv *cv, tide_table *t, int idx)
{
    int top = lua_gettop(cv->L), base, rc, not_valid, match_full;
    const char *name, *table, *schema, *comment;
    tide_fk *fk;
    if ((rc = read_fields(cv, idx, &foreign_shape, &base)) < 0 ||
        (rc = opt_str(cv, base + F_NAME, "t.foreign: name", &name)) < 0 ||
        (rc = opt_str(cv, base + F_COMMENT, "t.foreign: comment", &comment)) < 0 ||
        (rc = req_str(cv, base + F_TABLE, "t.foreign: table", &table)) < 0 ||
        (rc = opt_str(cv, base + F_SCHEMA, "t.foreign: schema", &schema)) < 0)
        goto done;
    if (!(fk = tide_table_add_fk(cv->s, t, name))) {
        rc = nomem(cv);
        goto done;
    }
    fk->ref_table = tide_schema_str(cv->s, table);
    fk->ref_schema = tide_schema_str(cv->s, schema);
    fk->comment = tide_schema_str(cv->s, comment);
    if ((rc = str_list(cv, base + F_COLUMNS, "t.foreign: columns", 1, &fk->columns, &fk->ncolumns)) < 0 ||
        (rc = str_list(cv, base + F_REFS, "t.foreign: refColumns", 0, &fk->ref_columns, &fk->nref_columns)) < 0 ||
        (rc = fk_options(cv, fk, base + F_DELETE, base + F_UPDATE, base + F_DEFERRABLE, base + F_DEFERRED)) < 0 ||
        (rc = opt_bool(cv, base + F_NOT_VALID, "t.foreign: notValid", &not_valid)) < 0 ||
        (rc = opt_bool(cv, base + F_MATCH_FULL, "t.foreign: matchFull", &match_full)) < 0)
        goto done;
    fk->options = (not_valid ? TIDE_CON_NOT_VALID : 0) | (match_full ? TIDE_CON_MATCH_FULL : 0);
    if (fk->nref_columns && fk->nref_columns != fk->ncolumns)
        rc = fail(cv, "t.foreign: %d columns reference %d columns of '%s'", fk->ncolumns,
                  fk->nref_columns, table);
done:
    lua_settop(cv->L, top);
    return rc;
}

static const char *const check_keys[] = { "__tide", "name", "expr", "notValid", "noInherit", "comment" };
enum { K_TAG, K_NAME, K_EXPR, K_NOT_VALID, K_NO_INHERIT, K_COMMENT, K_N };
static const shape check_shape = { "check", "a check (t.check(name, expr))", check_keys, K_N };

static int convert_check(conv *cv, tide_table *t, int idx)
{
    int top = lua_gettop(cv->L), base, rc, not_valid, no_inherit;
    const char *name, *expr, *comment;
    tide_check *k;
    if ((rc = read_fields(cv, idx, &check_shape, &base)) < 0 ||
        (rc = req_str(cv, base + K_NAME, "t.check: name", &name)) < 0 ||
        (rc = opt_str(cv, base + K_COMMENT, "t.check: comment", &comment)) < 0 ||
        (rc = req_str(cv, base + K_EXPR, "t.check: expr", &expr)) < 0 ||
        (rc = opt_bool(cv, base + K_NOT_VALID, "t.check: notValid", &not_valid)) < 0 ||
        (rc = opt_bool(cv, base + K_NO_INHERIT, "t.check: noInherit", &no_inherit)) < 0)
        goto done;
    if (!(k = tide_table_add_check(cv->s, t, name, expr)))
        rc = nomem(cv);
    else {
        k->options = (not_valid ? TIDE_CON_NOT_VALID : 0) | (no_inherit ? TIDE_CON_NO_INHERIT : 0);
        k->comment = tide_schema_str(cv->s, comment);
    }
done:
    lua_settop(cv->L, top);
    return rc;
}

/* ---- tables -------------------------------------------------------------- */

typedef int (*item_fn)(conv *cv, tide_table *t, int idx);

/* Converts each entry of the list at slot with fn; required: the list must
 * be there (it may be empty: PostgreSQL's table without columns).
 * [-0, +0, -] */
static int each_item(conv *cv, tide_table *t, int slot, const char *field, int required, item_fn fn)
{
    lua_State *L = cv->L;
    lua_Integer i, n;
    int rc = 0;
    if (lua_isnil(L, slot))
        return required ? fail(cv, "the table has no %s", field) : 0;
    if (lua_type(L, slot) != LUA_TTABLE)
        return fail(cv, "%s must be a list, not a %s", field, type_of(L, slot));
    n = (lua_Integer)lua_rawlen(L, slot);
    for (i = 1; rc == 0 && i <= n; i++) {
        if (lua_rawgeti(L, slot, i) != LUA_TTABLE)
            rc = fail(cv, "%s: entry %d is a %s, not a definition", field, (int)i, type_of(L, -1));
        else
            rc = fn(cv, t, lua_gettop(L));
        lua_pop(L, 1);
    }
    return rc;
}

static const char *const table_keys[] = {
    "__tide", "name", "schema", "comment", "renamedFrom", "columns", "primary",
    "indexes", "uniques", "foreigns", "checks", "strict", "withoutRowid", "unlogged", "rowLevelSecurity",
    "forceRowLevelSecurity", "partitionBy", "inherits", "clusterOn", "replicaIdentity", "with"
};
enum { T_TAG, T_NAME, T_SCHEMA, T_COMMENT, T_RENAMED, T_COLUMNS, T_PRIMARY, T_INDEXES,
       T_UNIQUES, T_FOREIGNS, T_CHECKS, T_STRICT, T_WITHOUT_ROWID, T_UNLOGGED, T_ROW_SECURITY,
       T_FORCE_ROW_SECURITY, T_PARTITION_BY, T_INHERITS, T_CLUSTER_ON, T_REPLICA_IDENTITY, T_WITH, T_N };

/* The table options: slot T_STRICT + i holds option i. */
static const struct { const char *field; unsigned bit; } table_options[] = {
    { "strict", TIDE_TABLE_STRICT }, { "withoutRowid", TIDE_TABLE_WITHOUT_ROWID },
    { "unlogged", TIDE_TABLE_UNLOGGED }, { "rowLevelSecurity", TIDE_TABLE_ROW_SECURITY },
    { "forceRowLevelSecurity", TIDE_TABLE_FORCE_ROW_SECURITY }
};
static const shape table_shape = { "table", "a table definition (t.table \"name\" { ... })", table_keys, T_N };

/* The items of the table definition whose fields are at base, into t. */
static int table_items(conv *cv, tide_table *t, int base)
{
    int rc;
    /* a child table may have no column of its own (PostgreSQL INHERITS) */
    if ((rc = each_item(cv, t, base + T_COLUMNS, "columns", !t->ninherits, convert_column)) < 0)
        return rc;
    if (!lua_isnil(cv->L, base + T_PRIMARY)) {
        if (lua_type(cv->L, base + T_PRIMARY) != LUA_TTABLE)
            return fail(cv, "primary must be a t.primary { ... }, not a %s", type_of(cv->L, base + T_PRIMARY));
        if ((rc = convert_primary(cv, t, base + T_PRIMARY)) < 0)
            return rc;
    }
    if ((rc = each_item(cv, t, base + T_INDEXES, "indexes", 0, convert_index)) < 0 ||
        (rc = each_item(cv, t, base + T_UNIQUES, "uniques", 0, convert_unique)) < 0 ||
        (rc = each_item(cv, t, base + T_FOREIGNS, "foreigns", 0, convert_foreign)) < 0)
        return rc;
    return each_item(cv, t, base + T_CHECKS, "checks", 0, convert_check);
}

static int convert_table(conv *cv, int idx)
{
    lua_State *L = cv->L;
    int top = lua_gettop(L), base, rc, on;
    size_t i;
    const char *name, *schema, *comment, *renamed, *partition_by, *cluster_on, *replica, *with;
    tide_table *t;
    cv->table = cv->column = NULL;
    if ((rc = read_fields(cv, idx, &table_shape, &base)) < 0 ||
        (rc = req_str(cv, base + T_NAME, "the table's name", &name)) < 0 ||
        (rc = opt_str(cv, base + T_SCHEMA, "schema", &schema)) < 0)
        goto done;
    snprintf(cv->tname, sizeof cv->tname, "%s%s%s", schema ? schema : "", schema ? "." : "", name);
    cv->table = cv->tname;
    if ((rc = opt_str(cv, base + T_COMMENT, "comment", &comment)) < 0 ||
        (rc = opt_str(cv, base + T_RENAMED, "renamedFrom", &renamed)) < 0 ||
        (rc = opt_str(cv, base + T_PARTITION_BY, "partitionBy", &partition_by)) < 0 ||
        (rc = opt_str(cv, base + T_CLUSTER_ON, "clusterOn", &cluster_on)) < 0 ||
        (rc = opt_str(cv, base + T_REPLICA_IDENTITY, "replicaIdentity", &replica)) < 0 ||
        (rc = opt_str(cv, base + T_WITH, "with", &with)) < 0)
        goto done;
    if (!(t = tide_schema_add_table(cv->s, schema, name))) {
        rc = nomem(cv);
        goto done;
    }
    t->comment = tide_schema_str(cv->s, comment);
    t->renamed_from = tide_schema_str(cv->s, renamed);
    t->partition_by = tide_schema_str(cv->s, partition_by);
    t->cluster_on = tide_schema_str(cv->s, cluster_on);
    t->replica_identity = tide_schema_str(cv->s, replica);
    t->with = tide_schema_str(cv->s, with);
    if (!lua_isnil(L, base + T_INHERITS) &&
        (rc = str_list(cv, base + T_INHERITS, "inherits", 1, &t->inherits, &t->ninherits)) < 0)
        goto done;
    for (i = 0; i < sizeof table_options / sizeof *table_options; i++) {
        if ((rc = opt_bool(cv, base + T_STRICT + (int)i, table_options[i].field, &on)) < 0)
            goto done;
        t->options |= on ? table_options[i].bit : 0;
    }
    if ((rc = table_items(cv, t, base)) < 0)
        goto done;
    cv->table = NULL;
done:
    lua_settop(L, top);
    return rc;
}

/* ---- objects ---------------------------------------------------------------- */

static const char *const object_keys[] = {
    "__tide", "kind", "name", "schema", "table", "sql", "comment", "renamedFrom", "with", "enabled",
    "columnComments", "replicaIdentity", "tableSchema", "columnDefaults", "rowLevelSecurity",
    "forceRowLevelSecurity"
};
enum { O_TAG, O_KIND, O_NAME, O_SCHEMA, O_TABLE, O_SQL, O_COMMENT, O_RENAMED, O_WITH, O_ENABLED, O_COLCOMMENTS,
       O_REPLICA, O_TABLE_SCHEMA, O_COLDEFAULTS, O_RLS, O_FORCE_RLS, O_N };
static const shape object_shape = { "object", "an object (t.view \"name\" [[...]], t.trigger ...)",
                                    object_keys, O_N };

/* The kind named at slot, or a failure listing the kinds.   [-0, +0, -] */
static int object_kind(conv *cv, int slot, tide_object_kind *out)
{
    const char *name;
    char known[600];
    int rc, k;
    if ((rc = req_str(cv, slot, "kind", &name)) < 0)
        return rc;
    if ((k = tide_object_kind_by_name(name)) >= 0) {
        *out = (tide_object_kind)k;
        return 0;
    }
    tide_object_kind_names(known, sizeof known, "");
    return fail(cv, "'%s' is not a kind of object (%s)", name, known);
}

/* columnComments = { column = "comment", ... } (key: "columnComments",
 * what: "comment"), or columnDefaults, at slot into the pairs v (finish
 * sorts them).   [-0, +0, -] */
static int column_pairs(conv *cv, int slot, const char *key, const char *what, char ***v, int *nv)
{
    lua_State *L = cv->L;
    if (lua_isnil(L, slot))
        return 0;
    if (lua_type(L, slot) != LUA_TTABLE)
        return fail(cv, "%s must be a table { column = \"%s\" }, not a %s", key, what, type_of(L, slot));
    for (lua_pushnil(L); lua_next(L, slot); lua_pop(L, 1)) {
        size_t kl, vl;
        const char *k, *s;
        if (lua_type(L, -2) != LUA_TSTRING || lua_type(L, -1) != LUA_TSTRING) {
            lua_pop(L, 2);
            return fail(cv, "%s maps column names to %ss (strings)", key, what);
        }
        k = lua_tolstring(L, -2, &kl);
        s = lua_tolstring(L, -1, &vl);
        if (strlen(k) != kl || strlen(s) != vl) {
            lua_pop(L, 2);
            return fail(cv, "%s contains a NUL byte", key);
        }
        if (tide_strv_push(cv->s, v, nv, k) < 0 || tide_strv_push(cv->s, v, nv, s) < 0) {
            lua_pop(L, 2);
            return nomem(cv);
        }
    }
    return 0;
}

/* The object at idx: { __tide = "object", kind =, name =, sql =, ... }; one
 * path for every kind, whose row says whether it is on a table.
 * [-0, +0, -] */
static int convert_object(conv *cv, int idx)
{
    lua_State *L = cv->L;
    int top = lua_gettop(L), base, rc, on_table;
    const char *name, *schema, *table, *sql, *comment, *renamed, *with, *enabled, *replica, *table_schema;
    int rls = 0, force_rls = 0;
    tide_object_kind kind = TIDE_OBJ_VIEW;
    tide_object *o;
    cv->table = cv->column = cv->object = NULL;
    if ((rc = read_fields(cv, idx, &object_shape, &base)) < 0 ||
        (rc = object_kind(cv, base + O_KIND, &kind)) < 0 ||
        (rc = req_str(cv, base + O_NAME, "the object's name", &name)) < 0 ||
        (rc = opt_str(cv, base + O_SCHEMA, "schema", &schema)) < 0)
        goto done;
    snprintf(cv->oname, sizeof cv->oname, "%s '%s%s%s'", tide_object_kinds[kind].name,
             schema ? schema : "", schema ? "." : "", name);
    cv->object = cv->oname;
    if ((rc = req_str(cv, base + O_SQL, "sql", &sql)) < 0 ||
        (rc = opt_str(cv, base + O_TABLE, "table", &table)) < 0 ||
        (rc = opt_str(cv, base + O_COMMENT, "comment", &comment)) < 0 ||
        (rc = opt_str(cv, base + O_RENAMED, "renamedFrom", &renamed)) < 0 ||
        (rc = opt_str(cv, base + O_WITH, "with", &with)) < 0 ||
        (rc = opt_str(cv, base + O_ENABLED, "enabled", &enabled)) < 0 ||
        (rc = opt_str(cv, base + O_REPLICA, "replicaIdentity", &replica)) < 0 ||
        (rc = opt_str(cv, base + O_TABLE_SCHEMA, "tableSchema", &table_schema)) < 0 ||
        (rc = opt_bool(cv, base + O_RLS, "rowLevelSecurity", &rls)) < 0 ||
        (rc = opt_bool(cv, base + O_FORCE_RLS, "forceRowLevelSecurity", &force_rls)) < 0)
        goto done;
    on_table = (tide_object_kinds[kind].flags & TIDE_OBJK_ON_TABLE) != 0;
    if (on_table != (table != NULL)) {
        rc = fail(cv, on_table ? "table is required (the table it is on)"
                               : "table is for objects on a table (triggers, policies); a %s is on none",
                  tide_object_kinds[kind].name);
        goto done;
    }
    if (!(o = tide_schema_add_object(cv->s, kind, schema, name, table, sql))) {
        rc = nomem(cv);
        goto done;
    }
    o->comment = tide_schema_str(cv->s, comment);
    o->renamed_from = tide_schema_str(cv->s, renamed);
    o->with = tide_schema_str(cv->s, with);
    o->enabled = tide_schema_str(cv->s, enabled);
    o->replica_identity = tide_schema_str(cv->s, replica);
    o->table_schema = tide_schema_str(cv->s, table_schema);
    o->row_security = rls;
    o->force_row_security = force_rls;
    if ((rc = column_pairs(cv, base + O_COLCOMMENTS, "columnComments", "comment", &o->column_comments,
                           &o->ncolumn_comments)) < 0 ||
        (rc = column_pairs(cv, base + O_COLDEFAULTS, "columnDefaults", "default", &o->column_defaults,
                           &o->ncolumn_defaults)) < 0)
        goto done;
    cv->object = NULL;
done:
    lua_settop(L, top);
    return rc;
}

/* ---- namespaces --------------------------------------------------------------- */

static const char *const namespace_keys[] = { "__tide", "name", "comment" };
enum { NS_TAG, NS_NAME, NS_COMMENT, NS_N };
static const shape namespace_shape = { "namespace", "a schema (t.schema \"name\")", namespace_keys, NS_N };

/* The namespace at idx: { __tide = "namespace", name = }.   [-0, +0, -] */
static int convert_namespace(conv *cv, int idx)
{
    int top = lua_gettop(cv->L), base, rc;
    const char *name, *comment;
    cv->table = cv->column = cv->object = NULL;
    if ((rc = read_fields(cv, idx, &namespace_shape, &base)) == 0 &&
        (rc = req_str(cv, base + NS_NAME, "the schema's name", &name)) == 0 &&
        (rc = opt_str(cv, base + NS_COMMENT, "the schema's comment", &comment)) == 0 &&
        (tide_strv_push(cv->s, &cv->s->namespaces, &cv->s->nnamespaces, name) < 0 ||
         (comment && tide_schema_set_namespace_comment(cv->s, name, comment) < 0)))
        rc = nomem(cv);
    lua_settop(cv->L, top);
    return rc;
}

/* An enum no column declares: { __tide = "enum", name =, values =, comment = }.
 * [-0, +0, -] */
static const char *const enum_keys[] = { "__tide", "name", "values", "comment" };
enum { EN_TAG, EN_NAME, EN_VALUES, EN_COMMENT, EN_N };
static const shape enum_shape = { "enum", "an enum (t.enum(\"name\", { values }))", enum_keys, EN_N };

static int convert_enum(conv *cv, int idx)
{
    int top = lua_gettop(cv->L), base, rc;
    const char *name, *comment;
    cv->table = cv->column = cv->object = NULL;
    if ((rc = read_fields(cv, idx, &enum_shape, &base)) == 0 &&
        (rc = req_str(cv, base + EN_NAME, "the enum's name", &name)) == 0 &&
        (rc = opt_str(cv, base + EN_COMMENT, "the enum's comment", &comment)) == 0)
        rc = declare_enum(cv, name, base + EN_VALUES, comment);
    lua_settop(cv->L, top);
    return rc;
}

/* ---- what a file returns -------------------------------------------------- */

/* Whether tag is that of a definition a file may return. */
static int is_definition(const char *tag)
{
    return !strcmp(tag, "table") || !strcmp(tag, "object") || !strcmp(tag, "namespace") || !strcmp(tag, "enum");
}

/* ---- tables converted as their file writes them ---------------------------- */

/* While a schema folder loads, t.table "x" { ... } hands its definition to
 * early_sink (tide.schema's __sink) as the call ends: the table goes into
 * the model then, set aside, and the file gets a small stand-in instead,
 * { __tide = "table", name =, schema =, __converted = n }, so that the
 * definitions' Lua tables are garbage at once rather than all alive beside
 * the model when the file returns (the peak memory of a large schema). The
 * file's returned value then claims each stand-in where it lists it: the
 * model gets the tables in the order returned, as before, and a table the
 * file does not return is not in it. A table the converter refuses, and one
 * declaring an enum (enums are declared in the order returned), stays a
 * plain definition, converted when returned as before: the same messages. */
#define EARLY_TYPES 64
typedef struct early {
    tide_schema *s;
    struct file_list *fl;
    int file;                   /* the file running */
    lua_Integer serial;         /* this load's, in every stand-in: one of another load is refused */
    tide_table **made;          /* converted, in the order written */
    unsigned char *claimed;
    int n, cap;
    /* the column types early_table has copied into s, by spelling: a
     * schema spells few types many times, and its columns share the copies
     * (finish then knows each by its address; nothing writes into them) */
    char *types[EARLY_TYPES];
} early;

#define EARLY_SPAN ((lua_Integer)1 << 32)

static const char *origin_of_file(void *ud, int i);
static const char *early_path(const early *e);

/* Room for one more table in e; 0 when there is none.   [-0, +0, -] */
static int early_room(early *e)
{
    if (e->n == e->cap) {
        int cap = e->cap ? e->cap * 2 : 256;
        tide_table **made = realloc(e->made, sizeof *made * (size_t)cap);
        unsigned char *claimed = made ? realloc(e->claimed, (size_t)cap) : NULL;
        if (made)
            e->made = made;
        if (!claimed)
            return 0;
        e->claimed = claimed;
        e->cap = cap;
    }
    return 1;
}

/* Keeps t (converted, out of the schema) and pushes its stand-in; upvalue
 * 2 is the stand-ins' metatable.   [-0, +1, m] */
static int early_keep(lua_State *L, early *e, tide_table *t)
{
    int id;
    e->made[e->n] = t;                  /* freed at the end unless a file returns it */
    e->claimed[e->n] = 0;
    id = e->n++;
    lua_createtable(L, 0, 4);
    lua_pushliteral(L, "table");
    lua_setfield(L, -2, "__tide");
    lua_pushstring(L, t->name);
    lua_setfield(L, -2, "name");
    if (t->schema) {
        lua_pushstring(L, t->schema);
        lua_setfield(L, -2, "schema");
    }
    lua_pushinteger(L, e->serial * EARLY_SPAN + id);
    lua_setfield(L, -2, "__converted");
    lua_pushvalue(L, lua_upvalueindex(2));
    lua_setmetatable(L, -2);
    return 1;
}

static void early_conv(conv *cv, early *e, lua_State *L, tide_err *err)
{
    memset(cv, 0, sizeof *cv);
    cv->s = e->s;
    cv->L = L;
    cv->err = err;
    cv->source = early_path(e);
    cv->origin = origin_of_file;
    cv->origin_ud = e->fl;
}

/* (definition) -> its stand-in, or nothing: the definition stays.   [-1, +1, m] */
static int early_sink(lua_State *L)
{
    early *e = lua_touserdata(L, lua_upvalueindex(1));
    int top = lua_gettop(L), n0, rc;
    tide_table *t = NULL;
    tide_err scratch;
    conv cv;
    if (!e->s || lua_type(L, 1) != LUA_TTABLE || lua_rawlen(L, 1) != 0 || !early_room(e))
        return 0;
    early_conv(&cv, e, L, &scratch);
    n0 = e->s->ntables;
    rc = convert_table(&cv, 1);
    lua_settop(L, top);
    if (e->s->ntables > n0)
        t = tide_schema_take_last_table(e->s);
    if (rc < 0 || !t) {
        tide_table_free(t);
        if (rc == TIDE_ENOMEM)
            return luaL_error(L, "%s", scratch.msg);
        return 0;                       /* said again when the file returns it */
    }
    return early_keep(L, e, t);
}

/* ---- t.table "x" { ... } straight into the model ------------------------- */

/* The name, schema and comment of a table builder that has nothing else
 * (no option, renamedFrom, inherits...): 0 for any other.   [-0, +0, -] */
static int plain_builder(lua_State *L, int idx, const char **name, const char **schema, const char **comment)
{
    int ok = 1;
    *name = *schema = *comment = NULL;
    for (lua_pushnil(L); lua_next(L, idx); lua_pop(L, 1)) {
        const char *k = lua_type(L, -2) == LUA_TSTRING ? lua_tostring(L, -2) : "", **slot = NULL;
        size_t len = 0;
        const char *v = lua_type(L, -1) == LUA_TSTRING ? lua_tolstring(L, -1, &len) : NULL;
        int known = 0;
        if (k[0] == '_' && k[1] == '_') {       /* the builder's own keys, told apart by their third letter */
            switch (k[2]) {
            case 't': slot = !strcmp(k, "__table") ? name : NULL; known = slot || !strcmp(k, "__tide"); break;
            case 's':
                slot = !strcmp(k, "__schema") ? schema : NULL;
                known = slot || !strcmp(k, "__src") || !strcmp(k, "__source");
                break;
            case 'c': slot = !strcmp(k, "__comment") ? comment : NULL; known = slot != NULL; break;
            case 'n': known = !strcmp(k, "__name_"); break;
            case 'l': known = !strcmp(k, "__line"); break;
            default: break;
            }
        }
        if (slot) {
            if (!v || strlen(v) != len)
                ok = 0;
            *slot = v;
        } else if (!known)
            ok = 0;
    }
    return ok && *name;
}

/* The copy in e's schema of the column type spelt type: one per spelling
 * (of those that share a slot of e->types, the last one met), or NULL when
 * out of memory.   [-0, +0, -] */
static char *early_type(early *e, const char *type)
{
    size_t len = strlen(type);
    char **slot = &e->types[tide_model_name_hash(type, len, 0) % EARLY_TYPES];
    if (!*slot || strcmp(*slot, type))
        *slot = tide_schema_strn(e->s, type, len);
    return *slot;
}

/* The column of builder b into c, a column of t, as convert_column makes
 * that of its definition.   [-0, +0, -] */
static int colb_column(conv *cv, early *e, tide_table *t, tide_column *c, const tide_colb *b)
{
    tide_unique *u;
    tide_fk *fk;
    cv->column = b->name;
    if (!(c->name = tide_schema_str(cv->s, b->name)) || !(c->type = early_type(e, b->type)))
        return nomem(cv);
    c->declared = c->type;               /* one copy: finish replaces type, never writes into it */
    c->nullable = b->nullable;
    c->autoincrement = b->autoinc;
    c->default_expr = tide_schema_str(cv->s, b->def);
    c->default_text = c->default_expr;
    c->comment = tide_schema_str(cv->s, b->comment);
    if (b->primary && tide_table_add_pk_column(cv->s, t, b->name) < 0)
        return nomem(cv);
    if (b->unique && (!(u = tide_table_add_unique(cv->s, t, NULL)) ||
                      tide_strv_push(cv->s, &u->columns, &u->ncolumns, b->name) < 0))
        return nomem(cv);
    if (b->ref) {
        if (!(fk = tide_table_add_fk(cv->s, t, NULL)) || !(fk->ref_table = tide_schema_str(cv->s, b->ref)) ||
            tide_strv_push(cv->s, &fk->columns, &fk->ncolumns, b->name) < 0 ||
            (b->ref_column && tide_strv_push(cv->s, &fk->ref_columns, &fk->nref_columns, b->ref_column) < 0))
            return nomem(cv);
        /* as fk_options reads them: "no action" is none */
        fk->on_delete = b->on_delete && strcmp(b->on_delete, "no action") ? tide_schema_str(cv->s, b->on_delete) : NULL;
        fk->on_update = b->on_update && strcmp(b->on_update, "no action") ? tide_schema_str(cv->s, b->on_update) : NULL;
    }
    cv->column = NULL;
    return 0;
}

/* The names of the columns early_table has put into a table, hashed: a
 * name is compared with those of the same hash only (the first
 * EARLY_HASHED; those after them one by one). */
#define EARLY_HASHED 64
typedef struct column_names {
    const tide_table *t;
    int n;                      /* the columns named so far */
    unsigned hash[EARLY_HASHED];
} column_names;

/* Whether t's first cn->n columns have one named name[0..len), whose hash
 * (tide_model_name_hash, case kept) is h.   [-0, +0, -] */
static int has_column_hashed(const column_names *cn, const char *name, size_t len, unsigned h)
{
    const tide_column *c = cn->t->columns;
    int i;
    for (i = 0; i < cn->n; i++)
        if ((i >= EARLY_HASHED || cn->hash[i] == h) && !strncmp(c[i].name, name, len) && !c[i].name[len])
            return 1;
    return 0;
}

static int has_column(const column_names *cn, const char *name, size_t len)
{
    return has_column_hashed(cn, name, len, tide_model_name_hash(name, len, 0));
}

/* Counts the next column of t named, its hash h.   [-0, +0, -] */
static void note_column(column_names *cn, unsigned h)
{
    if (cn->n < EARLY_HASHED)
        cn->hash[cn->n] = h;
    cn->n++;
}

/* Whether every entry of the item's columns ("col" or "col desc") names a
 * column of t, as the Lua check_columns takes them.   [-0, +0, -] */
static int columns_exist(lua_State *L, int item, const column_names *t)
{
    lua_Integer i, n;
    int ok = 1;
    lua_pushliteral(L, "columns");
    if (lua_rawget(L, item) == LUA_TNIL) {
        lua_pop(L, 1);
        return 1;
    }
    if (!lua_istable(L, -1)) {
        lua_pop(L, 1);
        return 0;
    }
    n = (lua_Integer)lua_rawlen(L, -1);
    for (i = 1; ok && i <= n; i++) {
        const char *c = lua_rawgeti(L, -1, i) == LUA_TSTRING ? lua_tostring(L, -1) : NULL;
        size_t len = 0;
        if (c && !has_column(t, c, strlen(c))) {
            while (c[len] && !strchr(" \t\n\v\f\r", c[len]))
                len++;
            c = len && has_column(t, c, len) ? c : NULL;
        }
        ok = c != NULL;
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
    return ok;
}

/* (table builder, items) -> the stand-in, or nothing. While a folder loads,
 * a table whose items are all dsl.c's column builders (not turned into
 * their shadows) and t.primary, t.index, t.unique, t.foreign or t.check
 * items (at most EARLY_ITEMS), with none of the mistakes the Lua checks
 * would report, goes into the model from them, its definition never made;
 * anything else returns nothing and takes the Lua path (TblMT.__call, then
 * early_sink), which says what is wrong.   [-2, +1, m] */
#define EARLY_ITEMS 64
static int early_table(lua_State *L)
{
    static const struct { const char *tag; item_fn fn; } later[] = {
        { "primary", convert_primary }, { "index", convert_index }, { "unique", convert_unique },
        { "foreign", convert_foreign }, { "check", convert_check }
    };
    enum { NLATER = sizeof later / sizeof *later };
    early *e = lua_touserdata(L, lua_upvalueindex(1));
    const char *name, *schema, *comment;
    lua_Integer n, i, count = 0;
    int rc = 0, keyed = 0, primaries = 0, nother = 0, nbuilders = 0, j;
    int at[EARLY_ITEMS];                /* the other items: where, and which of later */
    unsigned char kind[EARLY_ITEMS];
    size_t k;
    tide_table *t;
    tide_column *col = NULL;
    column_names names;
    tide_err scratch;
    conv cv;
    if (!e->s || lua_type(L, 1) != LUA_TTABLE || lua_type(L, 2) != LUA_TTABLE || !lua_checkstack(L, 8) ||
        !plain_builder(L, 1, &name, &schema, &comment) || !early_room(e))
        return 0;
    lua_settop(L, 2);
    n = (lua_Integer)lua_rawlen(L, 2);
    for (lua_pushnil(L); lua_next(L, 2); lua_pop(L, 1)) {   /* the keys 1..n, and the columns' number */
        int whole = 0;
        lua_Integer key = lua_tointegerx(L, -2, &whole);
        if (!whole || !lua_isinteger(L, -2) || key < 1 || key > n || ++count > n)
            return 0;
        nbuilders += lua_type(L, -1) == LUA_TUSERDATA;
    }
    if (count != n || nbuilders == 0)
        return 0;
    early_conv(&cv, e, L, &scratch);
    cv.table = name;                    /* messages are not said: the Lua path says them */
    if (!tide_schema_add_table(e->s, schema, name) || !(t = tide_schema_take_last_table(e->s)))
        return 0;
    t->comment = tide_schema_str(e->s, comment);
    /* the columns at once: the list is allocated once for the table */
    if (!(col = tide_table_add_columns(e->s, t, nbuilders))) {
        tide_table_free(t);
        return 0;
    }
    names.t = t;
    names.n = 0;
    for (i = 1; rc == 0 && i <= n; i++) {
        int type = lua_rawgeti(L, 2, i);
        const tide_colb *b = NULL;
        const char *tag;
        if (type == LUA_TUSERDATA) {
            b = lua_touserdata(L, -1);
            if (lua_rawlen(L, -1) != sizeof *b || b->magic != TIDE_DSL_MAGIC)
                b = NULL;
        }
        if (b) {
            size_t len = strlen(b->name);
            unsigned h = tide_model_name_hash(b->name, len, 0);
            if (b->slow || !b->type || b->nul || (b->autoinc && b->def) || has_column_hashed(&names, b->name, len, h))
                rc = -1;
            else if ((rc = colb_column(&cv, e, t, &col[names.n], b)) == 0) {
                keyed |= b->primary;
                note_column(&names, h);
            }
        } else if (type != LUA_TTABLE || !(tag = peek_tag(L, -1)) || nother == EARLY_ITEMS)
            rc = -1;
        else {
            for (k = 0; k < NLATER && strcmp(tag, later[k].tag); k++)
                ;
            if (k == NLATER)
                rc = -1;
            primaries += k == 0;
            at[nother] = (int)i;
            kind[nother++] = (unsigned char)k;
        }
        lua_pop(L, 1);
    }
    if (rc == 0 && (t->ncolumns == 0 || primaries > 1 || (primaries && keyed)))
        rc = -1;
    for (j = 0; rc == 0 && j < nother; j++) {
        lua_rawgeti(L, 2, at[j]);
        if (!columns_exist(L, lua_gettop(L), &names))
            rc = -1;
        lua_pop(L, 1);
    }
    for (k = 0; rc == 0 && k < NLATER; k++)         /* in the order the Lua path files them */
        for (j = 0; rc == 0 && j < nother; j++)
            if (kind[j] == k) {
                lua_rawgeti(L, 2, at[j]);
                rc = later[k].fn(&cv, t, lua_gettop(L));
                lua_pop(L, 1);
            }
    if (rc < 0) {
        tide_table_free(t);
        return 0;                       /* the Lua path says what is wrong */
    }
    return early_keep(L, e, t);
}

/* __index(stand-in, key): a field the stand-in does not keep. */
static int early_index(lua_State *L)
{
    const char *name, *key = luaL_tolstring(L, 2, NULL);
    lua_pushliteral(L, "name");
    lua_rawget(L, 1);
    name = lua_tostring(L, -1);
    return luaL_error(L, "table '%s': its definition went into the schema model as it was written, so "
                      "'%s' cannot be read back from it while the schema folder loads; keep what two "
                      "tables share in a local (t.col builders, a list of items) and use it in both",
                      name ? name : "?", key);
}

/* The early table of the stand-in at idx, claimed, into the model: 1 when
 * idx is a stand-in (*rc the outcome), 0 when it is a plain definition. */
static int claim_table(conv *cv, int idx, int *rc)
{
    lua_State *L = cv->L;
    early *e = cv->early;
    lua_Integer id = -1;
    int i;
    if (!lua_getmetatable(L, idx))      /* a definition has none */
        return 0;
    lua_pop(L, 1);
    for (lua_pushnil(L); lua_next(L, idx); lua_pop(L, 1))   /* raw reads: nothing allocated */
        if (lua_type(L, -2) == LUA_TSTRING && lua_isinteger(L, -1) &&
            !strcmp(lua_tostring(L, -2), "__converted"))
            id = lua_tointeger(L, -1);
    if (id < 0)
        return 0;
    i = (int)(id % EARLY_SPAN);
    if (!e || id / EARLY_SPAN != e->serial || i < 0 || i >= e->n) {
        *rc = fail(cv, "returned a table definition made while another schema load ran; a file "
                   "returns the tables that this load's files define");
        return 1;
    }
    if (e->claimed[i]) {                /* returned twice: the model says "defined twice" as before */
        *rc = tide_schema_add_table(cv->s, e->made[i]->schema, e->made[i]->name) ? 0 : nomem(cv);
        return 1;
    }
    e->claimed[i] = 1;
    *rc = tide_schema_put_table(cv->s, e->made[i]) < 0 ? nomem(cv) : 0;
    return 1;
}

/* The definition at idx, tagged tag: a table, an object or a namespace.
 * [-0, +0, -] */
static int convert_definition(conv *cv, int idx, const char *tag)
{
    int rc;
    if (!strcmp(tag, "table"))
        return claim_table(cv, idx, &rc) ? rc : convert_table(cv, idx);
    if (!strcmp(tag, "object"))
        return convert_object(cv, idx);
    if (!strcmp(tag, "namespace"))
        return convert_namespace(cv, idx);
    if (!strcmp(tag, "enum"))
        return convert_enum(cv, idx);
    return fail(cv, "must return table and object definitions; it returned a %s%s", tag,
                !strcmp(tag, "table builder") ? " (call it with its items: t.table \"name\" { ... })"
                : !strcmp(tag, "object builder") ? " (call it with its SQL text: t.view \"name\" [[select ...]])"
                : "");
}

/* The value at idx: a table definition, or a list of them. */
static int convert_value(conv *cv, int idx)
{
    lua_State *L = cv->L;
    lua_Integer i, n, count = 0;
    const char *tag;
    int rc = 0;
    if (!lua_checkstack(L, 4))
        return nomem(cv);
    if (lua_type(L, idx) != LUA_TTABLE && !tide_dsl_column(L, idx))
        return fail(cv, "must return a table definition (t.table \"name\" { ... }), an object "
                    "(t.view \"name\" [[...]], ...) or a list of them; it returned %s", type_of(L, idx));
    if ((tag = peek_tag(L, idx)))
        return convert_definition(cv, idx, tag);
    n = (lua_Integer)lua_rawlen(L, idx);
    for (lua_pushnil(L); lua_next(L, idx); lua_pop(L, 1))
        count++;
    if (count != n)
        return fail(cv, "must return a table definition, an object or a list of them; it returned "
                    "a table that is neither");
    for (i = 1; rc == 0 && i <= n; i++) {
        tag = lua_rawgeti(L, idx, i) == LUA_TTABLE || lua_type(L, -1) == LUA_TUSERDATA ? peek_tag(L, -1) : NULL;
        if (tag && is_definition(tag))
            rc = convert_definition(cv, lua_gettop(L), tag);
        else
            rc = fail(cv, "entry %d of the returned list is not a table or object definition but a %s%s%s",
                      (int)i, tag ? tag : type_of(L, -1), lua_istable(L, -1) && !tag ? " (plain table)" : "",
                      tag && !strcmp(tag, "object builder") ? " (call it with its SQL text: t.view \"name\" [[select ...]])"
                      : tag && !strcmp(tag, "table builder") ? " (call it with its items: t.table \"name\" { ... })" : "");
        lua_pop(L, 1);
    }
    return rc;
}

typedef struct call_origin {
    const char *source;
    int first;              /* the first table this call added */
} call_origin;

static const char *origin_of_call(void *ud, int i)
{
    const call_origin *o = ud;
    return i >= o->first ? o->source : NULL;
}

static int convert(tide_schema *s, lua_State *L, int idx, const char *source, origin_fn origin,
                   void *ud, early *e, tide_err *err)
{
    conv cv;
    memset(&cv, 0, sizeof cv);
    cv.early = e;
    cv.s = s;
    cv.L = L;
    cv.err = err;
    cv.source = source ? source : "schema definition";
    cv.origin = origin;
    cv.origin_ud = ud;
    return convert_value(&cv, lua_absindex(L, idx));
}

/* The converter of each kind of table item, by tag. */
static const struct { const char *tag; item_fn fn; } item_kinds[] = {
    { "column", convert_column }, { "index", convert_index }, { "unique", convert_unique },
    { "foreign", convert_foreign }, { "check", convert_check }, { "primary", convert_primary }
};

int tide_model_lua_is_item(lua_State *L, int idx)
{
    return lua_type(L, idx) == LUA_TTABLE || tide_dsl_column(L, idx) != NULL;
}

/* (builder) -> its shadow   [-1, +1, m] */
static int shadow_p(lua_State *L)
{
    tide_dsl_push_shadow(L, 1);
    return 1;
}

int tide_model_item_from_lua(tide_schema *s, tide_table *t, lua_State *L, int idx, const char *kinds,
                             const char *source, tide_err *err)
{
    int top = lua_gettop(L), rc = 0;
    size_t i;
    const char *tag;
    char tname[256];
    conv cv;
    memset(&cv, 0, sizeof cv);
    cv.s = s;
    cv.L = L;
    cv.err = err;
    cv.source = source ? source : "schema definition";
    snprintf(tname, sizeof tname, "%s%s%s", t->schema ? t->schema : "", t->schema ? "." : "", t->name);
    cv.table = tname;
    idx = lua_absindex(L, idx);
    if (!lua_checkstack(L, 8))
        return nomem(&cv);
    tag = lua_type(L, idx) == LUA_TTABLE || lua_type(L, idx) == LUA_TUSERDATA ? peek_tag(L, idx) : NULL;
    if (tag && lua_type(L, idx) == LUA_TUSERDATA) {   /* dsl.c's builder: its shadow */
        lua_pushcfunction(L, shadow_p);
        lua_pushvalue(L, idx);
        if (lua_pcall(L, 1, 1, 0) != LUA_OK) {
            lua_settop(L, top);
            return nomem(&cv);
        }
        idx = lua_gettop(L);
    }
    if (tag && !strcmp(tag, "column builder")) {      /* t.col "x" :type() */
        lua_getfield(L, idx, "__def");
        idx = lua_gettop(L);
        tag = lua_type(L, idx) == LUA_TTABLE ? peek_tag(L, idx) : NULL;
    }
    for (i = 0; tag && i < sizeof item_kinds / sizeof *item_kinds; i++)
        if (!strcmp(tag, item_kinds[i].tag) && strstr(kinds, tag)) {
            rc = item_kinds[i].fn(&cv, t, idx);
            break;
        }
    if (!tag || i == sizeof item_kinds / sizeof *item_kinds)
        rc = fail(&cv, "expected %s, not %s%s", kinds, tag ? "a " : "a plain ",
                  tag ? tag : type_of(L, idx));
    lua_settop(L, top);
    return rc;
}

int tide_model_from_lua(tide_schema *s, lua_State *L, int idx, const char *source, tide_err *err)
{
    call_origin o = { source, s->ntables };
    return convert(s, L, idx, source, origin_of_call, &o, NULL, err);
}

/* ---- schema folders ------------------------------------------------------- */

/* The files to load, in order, and the first table and object each one
 * added. */
typedef struct file_list {
    char **paths;
    int *first;
    int *first_object;
    int n, cap;
    int loaded;             /* files run so far (origin lookups look no further) */
} file_list;

static void files_free(file_list *fl)
{
    int i;
    for (i = 0; i < fl->n; i++)
        free(fl->paths[i]);
    free(fl->paths);
    free(fl->first);
    free(fl->first_object);
}

/* Appends the schema files of dir (*.lua, dot files skipped) to fl, sorted
 * by name. */
static int list_folder(file_list *fl, const char *dir, tide_err *err)
{
    static const tide_dir_query folder = { "schema folder", "schema", ".lua", 0, NULL, NULL };
    tide_dir_list files;
    int rc, i;
    if ((rc = tide_dir_list_files(&files, dir, &folder, err)) < 0)
        return rc;
    if (fl->n + files.n > fl->cap) {
        int cap = fl->n + files.n;
        char **paths = realloc(fl->paths, sizeof *paths * (size_t)cap);
        int *first = paths ? realloc(fl->first, sizeof *first * (size_t)cap) : NULL;
        int *first_object = first ? realloc(fl->first_object, sizeof *first * (size_t)cap) : NULL;
        if (paths)
            fl->paths = paths;
        if (first)
            fl->first = first;
        if (first_object)
            fl->first_object = first_object, fl->cap = cap;
        else
            rc = tide_err_set(err, TIDE_ENOMEM, "out of memory listing '%s'", dir);
    }
    for (i = 0; rc == 0 && i < files.n; i++) {
        fl->paths[fl->n] = files.items[i].path;
        files.items[i].path = NULL;
        fl->first_object[fl->n] = 0;
        fl->first[fl->n++] = 0;
    }
    tide_dir_list_free(&files);
    return rc;
}

static const char *origin_of_file(void *ud, int i)
{
    const file_list *fl = ud;
    int k;
    for (k = fl->loaded - 1; k >= 0; k--)
        if (fl->first[k] <= i)
            return fl->paths[k];
    return NULL;
}

typedef struct run {
    const char *path;
    const tide_buf *text;   /* the file's bytes as the digest read them; NULL: read it */
    tide_err *err;
    int rc;
} run;

/* (run) -> what the file returns, run in its own environment
 * [-1, +1, e]: called through tide_runtime_pcall, so that the pushes here
 * (which may raise when out of memory) hold no C resource. */
static int run_file_p(lua_State *L)
{
    run *r = lua_touserdata(L, 1);
    if ((r->rc = tide_runtime_loadtext_sandboxed(L, r->path, r->text ? (r->text->data ? r->text->data : "") : NULL,
                                                 r->text ? r->text->len : 0, r->err)) < 0)
        return 0;
    lua_call(L, 0, 1);
    return 1;
}

static const char *early_path(const early *e)
{
    return e->fl->paths[e->file];
}

/* (&early *) -> tide.schema's __sink set to early_sink, its state (a
 * userdata, anchored in the registry as well) in *out.   [-1, +0, e] */
static int sink_on_p(lua_State *L)
{
    early **out = lua_touserdata(L, 1);
    early *e;
    lua_getglobal(L, "require");
    lua_pushliteral(L, "tide.schema");
    lua_call(L, 1, 1);
    if (!lua_istable(L, -1))
        return 0;
    e = lua_newuserdatauv(L, sizeof *e, 1);
    memset(e, 0, sizeof *e);
    lua_pushvalue(L, -2);
    lua_setiuservalue(L, -2, 1);        /* the module, for sink_off_p */
    lua_pushvalue(L, -1);
    lua_setfield(L, LUA_REGISTRYINDEX, "tide.early");
    lua_createtable(L, 0, 1);
    lua_pushcfunction(L, early_index);
    lua_setfield(L, -2, "__index");
    lua_pushvalue(L, -2);
    lua_pushvalue(L, -2);
    lua_pushcclosure(L, early_sink, 2);
    lua_setfield(L, -4, "__sink");
    if (luaL_getmetatable(L, TIDE_DSL_COLUMN) == LUA_TTABLE) {   /* dsl.c's builders are in use */
        lua_pop(L, 1);
        lua_pushcclosure(L, early_table, 2);
        lua_setfield(L, -2, "__fast");
    }
    *out = e;
    return 0;
}

/* tide.schema's __sink removed, and its anchor.   [-0, +0, e] */
static int sink_off_p(lua_State *L)
{
    if (lua_getfield(L, LUA_REGISTRYINDEX, "tide.early") == LUA_TUSERDATA &&
        lua_getiuservalue(L, -1, 1) == LUA_TTABLE) {
        lua_pushnil(L);
        lua_setfield(L, -2, "__sink");
        lua_pushnil(L);
        lua_setfield(L, -2, "__fast");
    }
    lua_pushnil(L);
    lua_setfield(L, LUA_REGISTRYINDEX, "tide.early");
    return 0;
}

/* (&lua_State *) -> a new thread in *out, anchored in the registry.   [-1, +0, e] */
static int thread_p(lua_State *L)
{
    lua_State **out = lua_touserdata(L, 1), *T = lua_newthread(L);
    lua_setfield(L, LUA_REGISTRYINDEX, "tide.loading");
    *out = T;                           /* once anchored: early_stop lets it go */
    return 0;
}

/* Starts converting tables into s as they are written: *out is the state,
 * NULL when there is no tide.schema to take the sink (tables are then
 * converted when returned, as always); *T the thread the files run on. */
static int early_start(lua_State *L, tide_schema *s, file_list *fl, early **out, lua_State **T,
                       tide_err *err)
{
    static lua_Integer serial;      /* per load: a stand-in kept from another load is refused */
    early *e = NULL;
    int rc;
    *out = NULL;
    *T = NULL;
    lua_pushcfunction(L, thread_p);         /* light C functions and userdata: nothing allocated */
    lua_pushlightuserdata(L, T);
    if ((rc = tide_runtime_pcall(L, 1, 0, err)) < 0)
        return rc;
    lua_pushcfunction(*T, sink_on_p);
    lua_pushlightuserdata(*T, &e);
    if ((rc = tide_runtime_pcall(*T, 1, 0, err)) < 0 || !e)
        return rc;
    e->s = s;
    e->fl = fl;
    e->serial = ++serial % 1000000;
    *out = e;
    return 0;
}

/* The tables converted as written that no file returned are freed; the
 * sink is removed, and the thread T let go: its stack, grown by the files
 * and the conversions inside them, is freed with it rather than shrunk. */
static int early_stop(lua_State *L, lua_State *T, early *e, tide_err *err)
{
    int i, rc = 0;
    if (e) {
        for (i = 0; i < e->n; i++)
            if (!e->claimed[i])
                tide_table_free(e->made[i]);
        free(e->made);
        free(e->claimed);
        memset(e, 0, sizeof *e);        /* a sink kept by a file now does nothing */
        lua_pushcfunction(T, sink_off_p);
        rc = tide_runtime_pcall(T, 0, 0, err);
    }
    if (T) {
        lua_pushnil(L);                 /* the key is there: nothing allocated */
        lua_setfield(L, LUA_REGISTRYINDEX, "tide.loading");
    }
    return rc;
}

/* The text the digest read of path, the k-th file of both listings when the
 * folders did not change between the two. */
static const tide_buf *text_of_file(const tide_schema_texts *texts, const char *path, int k)
{
    int i;
    if (!texts)
        return NULL;
    if (k < texts->n && !strcmp(texts->paths[k], path))
        return &texts->texts[k];
    for (i = 0; i < texts->n; i++)
        if (!strcmp(texts->paths[i], path))
            return &texts->texts[i];
    return NULL;
}

static int load_file(tide_schema *s, lua_State *L, file_list *fl, int k, const tide_schema_texts *texts,
                     early *e, tide_err *err)
{
    run r = { fl->paths[k], text_of_file(texts, fl->paths[k], k), err, 0 };
    int top = lua_gettop(L), rc;
    if (!lua_checkstack(L, 4))
        return tide_err_set(err, TIDE_ENOMEM, "out of memory loading '%s'", r.path);
    fl->first[k] = s->ntables;
    fl->first_object[k] = s->nobjects;
    fl->loaded = k + 1;
    if (e)
        e->file = k;
    lua_pushcfunction(L, run_file_p);       /* a light C function: allocates nothing */
    lua_pushlightuserdata(L, &r);
    rc = tide_runtime_pcall(L, 1, 1, err);
    if (rc == 0 && r.rc < 0)
        rc = r.rc;
    if (rc == 0)
        rc = convert(s, L, -1, r.path, origin_of_file, fl, e, err);
    lua_settop(L, top);
    return rc;
}

typedef struct placed {
    const tide_table *t;
    int index;
} placed;

static int by_table(const void *a, const void *b)
{
    const tide_table *x = ((const placed *)a)->t, *y = ((const placed *)b)->t;
    const char *xs = x->schema && strcmp(x->schema, "public") ? x->schema : "";
    const char *ys = y->schema && strcmp(y->schema, "public") ? y->schema : "";
    int c = strcmp(xs, ys);
    return c ? c : strcmp(x->name, y->name);
}

/* A table defined by two files: finish would say so without the files. */
static int check_duplicates(const tide_schema *s, const file_list *fl, tide_err *err)
{
    placed *p = malloc(sizeof *p * (size_t)(s->ntables ? s->ntables : 1));
    int i, rc = 0;
    if (!p)
        return tide_err_set(err, TIDE_ENOMEM, "out of memory checking the schema");
    for (i = 0; i < s->ntables; i++)
        p[i].t = s->tables[i], p[i].index = i;
    if (s->ntables > 1)
        qsort(p, (size_t)s->ntables, sizeof *p, by_table);
    for (i = 1; rc == 0 && i < s->ntables; i++)
        if (!by_table(&p[i - 1], &p[i])) {
            int a = p[i - 1].index < p[i].index ? p[i - 1].index : p[i].index;
            int b = p[i - 1].index < p[i].index ? p[i].index : p[i - 1].index;
            rc = tide_err_set(err, TIDE_ECONFIG, "table '%s%s%s' is defined twice: in %s and in %s "
                              "(rename or remove one)", p[i].t->schema ? p[i].t->schema : "",
                              p[i].t->schema ? "." : "", p[i].t->name,
                              origin_of_file((void *)fl, a), origin_of_file((void *)fl, b));
        }
    free(p);
    return rc;
}

/* The file that added object i. */
static const char *object_origin(const file_list *fl, int i)
{
    int k;
    for (k = fl->loaded - 1; k >= 0; k--)
        if (fl->first_object[k] <= i)
            return fl->paths[k];
    return "?";
}

static const char *default_schema(const char *schema)
{
    return schema && strcmp(schema, "public") ? schema : "";
}

/* Whether objects a and b are the same object (kind, schema, table, name). */
static int same_object(const tide_object *a, const tide_object *b)
{
    return a->kind == b->kind && !strcmp(default_schema(a->schema), default_schema(b->schema)) &&
           !strcmp(a->table ? a->table : "", b->table ? b->table : "") && !strcmp(a->name, b->name);
}

/* Whether a table, an object on no table or a partition of s is named
 * schema.name: what an object may be on. */
static int has_relation(const tide_schema *s, const char *schema, const char *name)
{
    int i;
    for (i = 0; i < s->ntables; i++)
        if (!strcmp(default_schema(s->tables[i]->schema), default_schema(schema)) &&
            !strcmp(s->tables[i]->name, name))
            return 1;
    for (i = 0; i < s->nobjects; i++)
        if ((!s->objects[i].table || s->objects[i].kind == TIDE_OBJ_PARTITION) &&
            !strcmp(default_schema(s->objects[i].schema), default_schema(schema)) &&
            !strcmp(s->objects[i].name, name))
            return 1;
    return 0;
}

/* What finish would find about objects, said with their files: an object
 * defined twice, one on a table that no file defines. */
static int check_objects(const tide_schema *s, const file_list *fl, tide_err *err)
{
    int i, j;
    for (i = 0; i < s->nobjects; i++) {
        const tide_object *o = &s->objects[i];
        const char *kind = tide_object_kinds[o->kind].name;
        for (j = 0; j < i; j++)
            if (same_object(&s->objects[j], o))
                return tide_err_set(err, TIDE_ECONFIG, "%s '%s%s%s' is defined twice: in %s and in %s "
                                    "(rename or remove one)", kind, o->schema ? o->schema : "",
                                    o->schema ? "." : "", o->name, object_origin(fl, j), object_origin(fl, i));
        if (o->table && !has_relation(s, tide_object_table_schema(o), o->table))
            return tide_err_set(err, TIDE_ECONFIG, "%s: %s '%s%s%s' is on table '%s%s%s', which no schema file "
                                "defines%s", object_origin(fl, i), kind, o->schema ? o->schema : "",
                                o->schema ? "." : "", o->name,
                                tide_object_table_schema(o) ? tide_object_table_schema(o) : "",
                                tide_object_table_schema(o) ? "." : "", o->table,
                                o->kind == TIDE_OBJ_PARTITION && o->schema && !o->table_schema
                                ? " (a partition's table in another namespace is named with it: "
                                  "table = \"public.name\")" : "");
    }
    return 0;
}

int tide_schema_load_dirs(tide_schema **out, lua_State *L, char *const *dirs, int ndirs,
                          tide_err *err)
{
    return tide_schema_load_dirs_texts(out, L, dirs, ndirs, NULL, err);
}

int tide_schema_load_dirs_texts(tide_schema **out, lua_State *L, char *const *dirs, int ndirs,
                                const tide_schema_texts *texts, tide_err *err)
{
    file_list fl;
    tide_schema *s = NULL;
    int i, rc = 0;
    memset(&fl, 0, sizeof fl);
    *out = NULL;
    for (i = 0; rc == 0 && i < ndirs; i++)
        rc = list_folder(&fl, dirs[i], err);
    if (rc == 0 && !(s = tide_schema_new()))
        rc = tide_err_set(err, TIDE_ENOMEM, "out of memory loading the schema");
    if (rc == 0) {
        early *e = NULL;
        lua_State *T = NULL;
        tide_err stop_err;
        int stop;
        rc = early_start(L, s, &fl, &e, &T, err);
        for (i = 0; rc == 0 && i < fl.n; i++)
            rc = load_file(s, T, &fl, i, texts, e, err);
        if ((stop = early_stop(L, T, e, &stop_err)) < 0 && rc == 0) {
            rc = stop;
            *err = stop_err;
        }
    }
    /* The definitions' tables are garbage once converted: freed now, their
     * memory serves the diff, the SQL and the snapshot (a third of the peak
     * for 5,000 tables) instead of waiting for a collection that never comes. */
    lua_gc(L, LUA_GCCOLLECT);
    if (rc == 0)
        rc = check_duplicates(s, &fl, err);
    if (rc == 0)
        rc = check_objects(s, &fl, err);
    if (rc == 0)
        rc = tide_schema_finish(s, err);
    if (rc == 0) {
        *out = s;
        s = NULL;
    }
    tide_schema_free(s);
    files_free(&fl);
    return rc;
}

static void digest_add(struct sha256_ctx *md, const void *p, size_t n)
{
    char len[24];
    int k = snprintf(len, sizeof len, "%zu:", n);      /* length-prefixed: no two inputs run together */
    sha256_update(md, (size_t)k, (const uint8_t *)len);
    sha256_update(md, n, p);
}

void tide_schema_texts_free(tide_schema_texts *t)
{
    int i;
    for (i = 0; i < t->n; i++) {
        free(t->paths[i]);
        tide_buf_free(&t->texts[i]);
    }
    free(t->paths);
    free(t->texts);
    memset(t, 0, sizeof *t);
}

/* Keeps path and text (taken: text is left empty) in keep. */
static int keep_text(tide_schema_texts *keep, const char *path, tide_buf *text)
{
    char **paths;
    tide_buf *texts;
    if (!(paths = realloc(keep->paths, sizeof *paths * (size_t)(keep->n + 1))))
        return TIDE_ENOMEM;
    keep->paths = paths;
    if (!(texts = realloc(keep->texts, sizeof *texts * (size_t)(keep->n + 1))))
        return TIDE_ENOMEM;
    keep->texts = texts;
    if (!(keep->paths[keep->n] = strdup(path)))
        return TIDE_ENOMEM;
    if (text->data && text->cap > text->len + 4096) {   /* a small file in its 64 KB chunk */
        char *fit = realloc(text->data, text->len + 1);
        if (fit) {
            text->data = fit;
            text->cap = text->len + 1;
        }
    }
    keep->texts[keep->n++] = *text;
    memset(text, 0, sizeof *text);
    return 0;
}

int tide_schema_dirs_digest(char *const *dirs, int ndirs, const char *salt, char out[TIDE_DIGEST_SIZE],
                            tide_schema_texts *keep, tide_err *err)
{
    file_list fl;
    tide_buf text = TIDE_BUF_INIT;
    struct sha256_ctx md;
    uint8_t sum[SHA256_DIGEST_SIZE];
    int i, rc = 0, dir = 0;
    memset(&fl, 0, sizeof fl);
    out[0] = '\0';
    sha256_init(&md);
    digest_add(&md, salt ? salt : "", strlen(salt ? salt : ""));
    for (i = 0; rc == 0 && i < ndirs; i++) {
        int first = fl.n, f;
        if ((rc = list_folder(&fl, dirs[i], err)) < 0)
            break;
        for (f = first; rc == 0 && f < fl.n; f++) {
            const char *name = fl.paths[f] + strlen(dirs[i]);
            char at[16];
            snprintf(at, sizeof at, "%d", dir);
            tide_buf_reset(&text);
            if ((rc = tide_file_read(fl.paths[f], &text, err)) < 0)
                break;
            digest_add(&md, at, strlen(at));
            digest_add(&md, name, strlen(name));
            digest_add(&md, text.data ? text.data : "", text.len);
            if (keep && keep_text(keep, fl.paths[f], &text) < 0)
                rc = tide_err_set(err, TIDE_ENOMEM, "out of memory reading the definitions");
        }
        dir++;
    }
    if (rc == 0) {
        sha256_digest(&md, sizeof sum, sum);
        memcpy(out, "sha256:", 7);
        tide_hex(sum, sizeof sum, out + 7);
    }
    tide_buf_free(&text);
    files_free(&fl);
    return rc;
}

/* ---- for tests --------------------------------------------------------------- */

int tide_model_lua_check(lua_State *L)
{
    const char *source = luaL_optstring(L, 2, "schema definition");
    tide_schema *s;
    tide_err err;
    int rc;
    luaL_checkany(L, 1);
    if (!(s = tide_schema_new()))
        return luaL_error(L, "out of memory");
    tide_err_clear(&err);
    rc = tide_model_from_lua(s, L, 1, source, &err);
    if (rc == 0)
        rc = tide_schema_finish(s, &err);
    tide_schema_free(s);                    /* before anything that may raise */
    if (rc < 0) {
        lua_pushstring(L, err.msg);
        return lua_error(L);
    }
    lua_pushboolean(L, 1);
    return 1;
}
