/* migration.h — finding migration files and reading them: discovery by
 * folder and Lua pattern, the sections of .sql migrations, SHA-256
 * checksums, and the file helpers (read whole, write atomically). */
#ifndef TIDE_MIGRATION_H
#define TIDE_MIGRATION_H

#include <lua.h>
#include "tide.h"
#include "core/buf.h"
#include "core/files.h"

typedef enum tide_migration_kind {
    TIDE_MIG_LUA = 0,     /* a .lua file returning { up, down, transactional } */
    TIDE_MIG_SQL,         /* a .sql file with -- tide:up / -- tide:down sections */
    TIDE_MIG_LIST         /* an entry of migrations.list (no file) */
} tide_migration_kind;

/* One migration known to the runner. Strings are owned by the set. */
typedef struct tide_migration {
    char *name;           /* the file name without extension, e.g.
                             "Migration20261122143052_add_phone"; for a list
                             entry its `name` field */
    char *path;           /* "migrations/Migration..._add_phone.lua"; NULL for a list entry */
    tide_migration_kind kind;
    char checksum[65];    /* lowercase hex SHA-256 of the file's bytes; "" until computed,
                             and always "" for list entries */
    int list_index;       /* 1-based position in migrations.list (TIDE_MIG_LIST only) */
} tide_migration;

typedef struct tide_migration_set {
    tide_migration *items;  /* sorted by name, byte order */
    int n;
    char *skipped;          /* ".lua"/".sql" files the pattern left out, ", "-separated; NULL when none */
    int nskipped;
} tide_migration_set;

/* Lists the .lua and .sql files directly in dir whose file names match the
 * Lua pattern (string.find(filename, pattern), evaluated in L), sorted by
 * name. Other files are ignored; .lua and .sql files the pattern leaves out
 * are named in out->skipped (for a warning). Fails (TIDE_EIO / TIDE_ECONFIG) when: dir is
 * missing or not a directory; the pattern is not a valid Lua pattern; two
 * files have the same name apart from case or extension; two files share a
 * timestamp (the first run of digits in the name). Each message names the
 * files and how to fix it. out is zeroed first and freed on failure. */
int  tide_migrations_discover(tide_migration_set *out, lua_State *L, const char *dir,
                              const char *pattern, tide_err *err);

/* Appends a copy of m (strings duplicated) to set, keeping it sorted. */
int  tide_migrations_add(tide_migration_set *set, const tide_migration *m, tide_err *err);

/* The migration whose name is name, or name with ".lua"/".sql", or the
 * only one whose name starts with name; NULL when none (or, for a prefix,
 * more than one: *ambiguous is then set to 1). */
const tide_migration *tide_migrations_find(const tide_migration_set *set, const char *name,
                                           int *ambiguous);

void tide_migrations_free(tide_migration_set *set);

/* Fills m->checksum from the file at m->path (no-op for list entries). */
int  tide_migration_checksum(tide_migration *m, tide_err *err);

/* out = lowercase hex SHA-256 of data. */
void tide_sha256_hex(const void *data, size_t len, char out[65]);

/* Splits the text of a .sql migration into its sections. A line
 * "-- tide:up" starts the up section and "-- tide:down" the down section
 * (case-insensitive, spaces allowed around the words); a line
 * "-- tide:no-transaction" anywhere sets *transactional to 0 (else 1).
 * Text before the first marker may only be blank lines and comments.
 * *has_down is 0 when there is no down section. path is for messages.
 * Errors (TIDE_ECONFIG) name the file and line: no up marker, SQL before
 * it, a marker given twice, down before up. */
int  tide_sql_sections(const char *path, const char *text, size_t len, tide_buf *up,
                       tide_buf *down, int *has_down, int *transactional, tide_err *err);

#endif
