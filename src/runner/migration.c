/* migration.c — the migration files on disk: which files of the folder are
 * migrations (and whether two of them clash), the sections of a .sql
 * migration and their SHA-256 checksums. */
#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE 1   /* strndup, strcasecmp under -std=c11 */
#endif
#include "runner/migration.h"

#include <lauxlib.h>
#include <lualib.h>
#include <nettle/sha2.h>

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>


/* ---- discovery --------------------------------------------------------- */

/* The kind a file name's extension gives, or -1 when it is neither .lua nor
 * .sql. A bare ".lua" has no name and is not a migration. */
static int kind_of(const char *file, size_t len)
{
    if (len <= 4)
        return -1;
    if (!strcmp(file + len - 4, ".lua"))
        return TIDE_MIG_LUA;
    if (!strcmp(file + len - 4, ".sql"))
        return TIDE_MIG_SQL;
    return -1;
}

/* The file name part of a migration's path, for messages. */
static const char *file_name(const tide_migration *m)
{
    const char *slash = m->path ? strrchr(m->path, '/') : NULL;
    return slash ? slash + 1 : m->path ? m->path : m->name;
}

/* (file, pattern) as light userdata -> string.find(file, pattern) ~= nil
 * [-0, +1, e]. Run under lua_pcall: every push here may raise, and the
 * pattern is the user's, so string.find may raise too. The string library
 * is taken from package.loaded, where lua_openlibs put it. */
static int find_in_lua(lua_State *L)
{
    const char *file = lua_touserdata(L, 1), *pattern = lua_touserdata(L, 2);
    luaL_requiref(L, LUA_STRLIBNAME, luaopen_string, 0);
    lua_getfield(L, -1, "find");
    lua_pushstring(L, file);
    lua_pushstring(L, pattern);
    lua_call(L, 2, 1);
    lua_pushboolean(L, lua_toboolean(L, -1));
    return 1;
}

/* 1 when file matches pattern, 0 when not, or a negative code. The Lua stack
 * is left as it was found. */
static int name_matches(lua_State *L, const char *file, const char *pattern, tide_err *err)
{
    int top = lua_gettop(L), st, rc;
    const char *msg;
    if (!pattern)
        return 1;
    if (!strcmp(pattern, "^Migration%d+"))   /* the default, without a call into Lua per file */
        return !strncmp(file, "Migration", 9) && isdigit((unsigned char)file[9]);
    if (!lua_checkstack(L, 3))
        return tide_err_set(err, TIDE_ENOMEM, "out of memory matching migrations.pattern");
    lua_pushcfunction(L, find_in_lua);
    lua_pushlightuserdata(L, (void *)file);
    lua_pushlightuserdata(L, (void *)pattern);
    st = lua_pcall(L, 2, 1, 0);
    if (st == LUA_OK) {
        rc = lua_toboolean(L, -1);
    } else if (st == LUA_ERRMEM) {
        rc = tide_err_set(err, TIDE_ENOMEM, "out of memory matching migrations.pattern");
    } else {
        msg = lua_tostring(L, -1);
        rc = tide_err_set(err, TIDE_ECONFIG, "migrations.pattern '%s' is not a valid Lua pattern: %s",
                          pattern, msg ? msg : "(error object is not a string)");
    }
    lua_settop(L, top);
    return rc;
}

/* The walker's filter: a .lua or .sql file whose name matches the pattern. */
typedef struct matcher {
    lua_State *L;
    const char *pattern;
    tide_buf skipped;        /* the .lua/.sql files it left out */
    int nskipped;
} matcher;

static int keep_migration(void *ud, const char *file, tide_err *err)
{
    matcher *m = ud;
    int rc;
    if (kind_of(file, strlen(file)) < 0)
        return 0;
    if ((rc = name_matches(m->L, file, m->pattern, err)) == 0) {
        if (tide_buf_printf(&m->skipped, "%s%s", m->nskipped ? ", " : "", file) < 0)
            return tide_err_set(err, TIDE_ENOMEM, "out of memory listing migrations");
        m->nskipped++;
    }
    return rc;
}

/* The set takes the listed files: their paths, and names without the extension. */
static int take_files(tide_migration_set *set, tide_dir_list *files, const char *dir, tide_err *err)
{
    int i;
    if (files->n == 0)
        return 0;
    if (!(set->items = calloc((size_t)files->n, sizeof *set->items)))
        return tide_err_set(err, TIDE_ENOMEM, "out of memory listing '%s'", dir);
    for (i = 0; i < files->n; i++) {
        tide_migration *m = &set->items[set->n];
        size_t len = strlen(files->items[i].name);
        m->kind = (tide_migration_kind)kind_of(files->items[i].name, len);
        if (!(m->name = strndup(files->items[i].name, len - 4)))
            return tide_err_set(err, TIDE_ENOMEM, "out of memory listing '%s'", dir);
        m->path = files->items[i].path;
        files->items[i].path = NULL;
        set->n++;
    }
    return 0;
}

/* Byte order of names; the path breaks ties so that the order (and which
 * file a message names first) does not depend on the directory. */
static int by_name(const void *a, const void *b)
{
    const tide_migration *x = a, *y = b;
    int c = strcmp(x->name, y->name);
    return c ? c : strcmp(x->path ? x->path : "", y->path ? y->path : "");
}

/* A migration with its timestamp: the first run of digits of its name. */
typedef struct stamped {
    const tide_migration *m;
    const char *ts;
    size_t tslen;
} stamped;

/* Names equal apart from case end up next to each other, which byte order
 * alone does not promise ("Ab" < "B" < "ab"). */
static int by_name_nocase(const void *a, const void *b)
{
    const stamped *x = a, *y = b;
    int c = strcasecmp(x->m->name, y->m->name);
    return c ? c : by_name(x->m, y->m);
}

static int by_stamp(const void *a, const void *b)
{
    const stamped *x = a, *y = b;
    size_t n = x->tslen < y->tslen ? x->tslen : y->tslen;
    int c = n ? memcmp(x->ts, y->ts, n) : 0;
    if (c || x->tslen != y->tslen)
        return c ? c : x->tslen < y->tslen ? -1 : 1;
    return by_name(x->m, y->m);
}

static int check_duplicates(const tide_migration_set *set, tide_err *err)
{
    stamped *v;
    int i, rc = 0;
    if (set->n < 2)
        return 0;
    if (!(v = malloc((size_t)set->n * sizeof *v)))
        return tide_err_set(err, TIDE_ENOMEM, "out of memory checking migration names");
    for (i = 0; i < set->n; i++) {
        v[i].m = &set->items[i];
        v[i].ts = v[i].m->name + strcspn(v[i].m->name, "0123456789");
        v[i].tslen = strspn(v[i].ts, "0123456789");
    }
    tide_sort(v, (size_t)set->n, sizeof *v, by_name_nocase);
    for (i = 1; i < set->n; i++)
        if (!strcasecmp(v[i - 1].m->name, v[i].m->name)) {
            rc = tide_err_set(err, TIDE_ECONFIG, "two migrations are named alike: '%s' and '%s' "
                              "(rename one)", file_name(v[i - 1].m), file_name(v[i].m));
            goto done;
        }
    tide_sort(v, (size_t)set->n, sizeof *v, by_stamp);
    for (i = 1; i < set->n; i++)
        if (v[i].tslen && v[i].tslen == v[i - 1].tslen && !memcmp(v[i].ts, v[i - 1].ts, v[i].tslen)) {
            rc = tide_err_set(err, TIDE_ECONFIG, "two migrations share the timestamp %.*s: '%s' "
                              "and '%s' (give one a new timestamp)", (int)v[i].tslen, v[i].ts,
                              file_name(v[i - 1].m), file_name(v[i].m));
            goto done;
        }
done:
    free(v);
    return rc;
}

int tide_migrations_discover(tide_migration_set *out, lua_State *L, const char *dir,
                             const char *pattern, tide_err *err)
{
    static const tide_dir_query folder = { "migrations folder", "migrations.path", NULL, 1, keep_migration, NULL };
    tide_dir_query q = folder;
    matcher m = { L, pattern, TIDE_BUF_INIT, 0 };
    tide_dir_list files = { NULL, 0 };
    int rc;
    memset(out, 0, sizeof *out);
    q.ud = &m;
    /* Checked once on an empty name too, so that a broken pattern is reported
     * even while the folder holds no migration yet. */
    if ((rc = name_matches(L, "", pattern, err)) < 0)
        goto done;
    if ((rc = tide_dir_list_files(&files, dir, &q, err)) < 0 || (rc = take_files(out, &files, dir, err)) < 0)
        goto done;
    if (out->n > 1)
        tide_sort(out->items, (size_t)out->n, sizeof *out->items, by_name);
    if ((rc = check_duplicates(out, err)) == 0 && m.nskipped) {
        out->skipped = m.skipped.data;     /* the set owns it now */
        out->nskipped = m.nskipped;
        m.skipped.data = NULL;
    }
done:
    tide_buf_free(&m.skipped);
    tide_dir_list_free(&files);
    if (rc < 0)
        tide_migrations_free(out);
    return rc < 0 ? rc : 0;
}

/* ---- the set ----------------------------------------------------------- */

int tide_migrations_add(tide_migration_set *set, const tide_migration *m, tide_err *err)
{
    tide_migration copy = *m, *items;
    int lo = 0, hi = set->n, mid;
    if (!m->name)
        return tide_err_set(err, TIDE_EINVAL, "a migration needs a name");
    copy.name = tide_strdup(m->name);
    copy.path = tide_strdup(m->path);
    copy.checksum[sizeof copy.checksum - 1] = '\0';
    items = copy.name && (copy.path || !m->path)
                ? realloc(set->items, ((size_t)set->n + 1) * sizeof *items) : NULL;
    if (!items) {
        free(copy.name);
        free(copy.path);
        return tide_err_set(err, TIDE_ENOMEM, "out of memory adding migration '%s'", m->name);
    }
    set->items = items;
    while (lo < hi) {   /* after any equal name, so equal names keep their order */
        mid = lo + (hi - lo) / 2;
        if (strcmp(items[mid].name, copy.name) <= 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    memmove(&items[lo + 1], &items[lo], (size_t)(set->n - lo) * sizeof *items);
    items[lo] = copy;
    set->n++;
    return 0;
}

/* The migration a file name or path names: its base name minus the
 * extension is the name, and the extension must be the migration's. */
static const tide_migration *find_file(const tide_migration_set *set, const char *name)
{
    const char *slash = strrchr(name, '/'), *base = slash ? slash + 1 : name;
    size_t len = strlen(base);
    int i, kind = kind_of(base, len);
    if (kind < 0)
        return NULL;
    for (i = 0; i < set->n; i++) {
        const tide_migration *m = &set->items[i];
        if ((int)m->kind == kind && strlen(m->name) == len - 4 && !memcmp(m->name, base, len - 4))
            return m;
    }
    return NULL;
}

const tide_migration *tide_migrations_find(const tide_migration_set *set, const char *name,
                                           int *ambiguous)
{
    const tide_migration *found = NULL;
    size_t len;
    int i, lo, hi, count = 0;
    if (ambiguous)
        *ambiguous = 0;
    /* An empty prefix would pick the only migration, surely not what was meant. */
    if (!set || !name || !*name)
        return NULL;
    for (lo = 0, hi = set->n - 1; lo <= hi;) {   /* discovery sorts by name */
        int mid = lo + (hi - lo) / 2, c = strcmp(set->items[mid].name, name);
        if (c == 0)
            return &set->items[mid];
        if (c < 0) lo = mid + 1;
        else hi = mid - 1;
    }
    for (i = 0; i < set->n; i++)                 /* a set put together some other way */
        if (!strcmp(set->items[i].name, name))
            return &set->items[i];
    if ((found = find_file(set, name)))
        return found;
    len = strlen(name);
    for (i = 0; i < set->n; i++)
        if (!strncmp(set->items[i].name, name, len) && count++ == 0)
            found = &set->items[i];
    if (count == 1)
        return found;
    if (count > 1 && ambiguous)
        *ambiguous = 1;
    return NULL;
}

void tide_migrations_free(tide_migration_set *set)
{
    int i;
    if (!set)
        return;
    for (i = 0; i < set->n; i++) {
        free(set->items[i].name);
        free(set->items[i].path);
    }
    free(set->items);
    free(set->skipped);
    set->items = NULL;
    set->skipped = NULL;
    set->n = set->nskipped = 0;
}

/* ---- checksums --------------------------------------------------------- */

void tide_sha256_hex(const void *data, size_t len, char out[65])
{
    struct sha256_ctx ctx;
    uint8_t md[SHA256_DIGEST_SIZE];
    sha256_init(&ctx);
    sha256_update(&ctx, len, data ? data : "");
    sha256_digest(&ctx, sizeof md, md);
    tide_hex(md, sizeof md, out);
}

int tide_migration_checksum(tide_migration *m, tide_err *err)
{
    tide_buf text = TIDE_BUF_INIT;
    int rc;
    m->checksum[0] = '\0';
    if (m->kind == TIDE_MIG_LIST || !m->path)
        return 0;
    if ((rc = tide_file_read(m->path, &text, err)) < 0)
        goto done;
    tide_sha256_hex(text.data, text.len, m->checksum);
    if (!m->checksum[0])
        rc = tide_err_set(err, TIDE_ENOMEM, "cannot compute the checksum of '%s' "
                          "(OpenSSL failed, out of memory?)", m->path);
done:
    tide_buf_free(&text);
    return rc;
}

/* ---- .sql sections ----------------------------------------------------- */

enum { M_NONE, M_UP, M_DOWN, M_NOTX };
enum { S_BEFORE, S_UP, S_DOWN };

/* Where tide_sql_sections is in the file. */
typedef struct sections {
    const char *path;
    tide_buf *up, *down;
    int where;        /* S_BEFORE, S_UP, S_DOWN */
    int in_comment;   /* inside a block comment before the up marker */
    int has_down, transactional;
} sections;

static const char *skip_space(const char *p, const char *end)
{
    while (p < end && *p != '\n' && isspace((unsigned char)*p))
        p++;
    return p;
}

/* Which marker the line [p, end) is, M_NONE for any other line. */
static int marker_of(const char *p, const char *end)
{
    static const struct { const char *word; int marker; } words[] = {
        {"tide:up", M_UP}, {"tide:down", M_DOWN}, {"tide:no-transaction", M_NOTX},
    };
    size_t i, n;
    p = skip_space(p, end);
    if (end - p < 2 || p[0] != '-' || p[1] != '-')
        return M_NONE;
    p = skip_space(p + 2, end);
    for (i = 0; i < sizeof words / sizeof *words; i++) {
        n = strlen(words[i].word);
        if ((size_t)(end - p) >= n && !strncasecmp(p, words[i].word, n) && skip_space(p + n, end) == end)
            return words[i].marker;
    }
    return M_NONE;
}

/* Whether the line [p, end) holds nothing but blanks and comments; a block
 * comment may run on over several lines. */
static int only_comments(const char *p, const char *end, int *in_comment)
{
    while (p < end) {
        if (*in_comment) {
            while (p + 1 < end && !(p[0] == '*' && p[1] == '/'))
                p++;
            if (p + 1 >= end)
                return 1;
            *in_comment = 0;
            p += 2;
        } else if (isspace((unsigned char)*p)) {
            p++;
        } else if (end - p >= 2 && p[0] == '-' && p[1] == '-') {
            return 1;
        } else if (end - p >= 2 && p[0] == '/' && p[1] == '*') {
            *in_comment = 1;
            p += 2;
        } else {
            return 0;
        }
    }
    return 1;
}

/* Handles one line [p, next), next being past its '\n' if it has one. */
static int section_line(sections *s, const char *p, const char *next, int line, tide_err *err)
{
    const char *end = next > p && next[-1] == '\n' ? next - 1 : next;
    tide_buf *to;
    switch (marker_of(p, end)) {
    case M_NOTX:
        s->transactional = 0;
        return 0;
    case M_UP:
        if (s->where != S_BEFORE)
            return tide_err_set(err, TIDE_ECONFIG, "%s:%d: second '-- tide:up'", s->path, line);
        s->where = S_UP;
        return 0;
    case M_DOWN:
        if (s->where == S_BEFORE)
            return tide_err_set(err, TIDE_ECONFIG, "%s:%d: '-- tide:down' before '-- tide:up'",
                                s->path, line);
        if (s->where == S_DOWN)
            return tide_err_set(err, TIDE_ECONFIG, "%s:%d: second '-- tide:down'", s->path, line);
        s->where = S_DOWN;
        s->has_down = 1;
        return 0;
    }
    if (s->where == S_BEFORE)
        return only_comments(p, end, &s->in_comment)
                   ? 0 : tide_err_set(err, TIDE_ECONFIG, "%s:%d: SQL before '-- tide:up' "
                                      "(put it after the marker)", s->path, line);
    to = s->where == S_UP ? s->up : s->down;
    if (tide_buf_add(to, p, (size_t)(next - p)) < 0)
        return tide_err_set(err, TIDE_ENOMEM, "out of memory reading '%s'", s->path);
    return 0;
}

int tide_sql_sections(const char *path, const char *text, size_t len, tide_buf *up,
                      tide_buf *down, int *has_down, int *transactional, tide_err *err)
{
    sections s = {path, up, down, S_BEFORE, 0, 0, 1};
    size_t up0 = up->len, down0 = down->len;
    const char *p = text, *end = text + len, *nl, *next;
    int line = 0, rc = 0;
    for (; p < end; p = next) {
        nl = memchr(p, '\n', (size_t)(end - p));
        next = nl ? nl + 1 : end;
        if ((rc = section_line(&s, p, next, ++line, err)) < 0)
            goto done;
    }
    if (s.where == S_BEFORE)
        rc = tide_err_set(err, TIDE_ECONFIG, "%s: no '-- tide:up' section (a .sql migration "
                          "needs '-- tide:up' and optionally '-- tide:down')", path);
done:
    if (rc < 0) {   /* the caller's buffers as they were */
        up->len = up0;
        down->len = down0;
        if (up->data)
            up->data[up0] = '\0';
        if (down->data)
            down->data[down0] = '\0';
        return rc;
    }
    *has_down = s.has_down;
    *transactional = s.transactional;
    return 0;
}
