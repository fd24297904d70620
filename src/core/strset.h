/* strset.h — a set of strings with constant-time lookups (open addressing),
 * optionally blind to ASCII case (SQLite's identifiers), each key with an int
 * (a position in the caller's array, when it is used as an index). Keys are
 * copied. Internal: not part of the public API. */
#ifndef TIDE_STRSET_H
#define TIDE_STRSET_H

#include <stddef.h>

typedef struct tide_strset {
    char **slots;       /* cap entries, NULL when free */
    int *values;        /* the int of each slot */
    size_t cap;         /* 0 or a power of two */
    size_t n;
    int nocase;         /* "Users" and "USERS" are one key */
} tide_strset;

#define TIDE_STRSET_INIT(nocase) { NULL, NULL, 0, 0, (nocase) }

/* 1: added, 0: already there, TIDE_ENOMEM: out of memory (set unchanged). */
int  tide_strset_add(tide_strset *s, const char *key);
int  tide_strset_has(const tide_strset *s, const char *key);
/* Sets key's int (adding key): 1 added, 0 updated, TIDE_ENOMEM. */
int  tide_strset_put(tide_strset *s, const char *key, int value);
/* 1 and *value when key is there, else 0. */
int  tide_strset_get(const tide_strset *s, const char *key, int *value);
void tide_strset_free(tide_strset *s);

#endif
