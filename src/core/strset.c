/* strset.c — see strset.h. FNV-1a over the (folded) bytes; linear probing
 * in a table kept at most half full. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/strset.h"
#include "tide.h"

static int fold(int ch, int nocase)
{
    return nocase && ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch;
}

static uint64_t hash(const char *k, int nocase)
{
    uint64_t h = 1469598103934665603u;
    if (!nocase) {                      /* the same, without a test per byte */
        for (; *k; k++)
            h = (h ^ (unsigned char)*k) * 1099511628211u;
        return h;
    }
    for (; *k; k++)
        h = (h ^ (unsigned char)fold((unsigned char)*k, nocase)) * 1099511628211u;
    return h;
}

static int equal(const char *a, const char *b, int nocase)
{
    if (!nocase)
        return !strcmp(a, b);
    for (; *a && fold((unsigned char)*a, nocase) == fold((unsigned char)*b, nocase); a++, b++)
        ;
    return fold((unsigned char)*a, nocase) == fold((unsigned char)*b, nocase);
}

/* The slot holding key, or the free slot where it would go. */
static size_t find(const tide_strset *s, const char *key)
{
    size_t i = (size_t)hash(key, s->nocase) & (s->cap - 1);
    while (s->slots[i] && !equal(s->slots[i], key, s->nocase))
        i = (i + 1) & (s->cap - 1);
    return i;
}

static int grow(tide_strset *s)
{
    size_t cap = s->cap ? s->cap * 2 : 16, i, at;
    tide_strset bigger = { calloc(cap, sizeof(char *)), calloc(cap, sizeof(int)), cap, s->n, s->nocase };
    if (!bigger.slots || !bigger.values) {
        free(bigger.slots);
        free(bigger.values);
        return TIDE_ENOMEM;
    }
    for (i = 0; i < s->cap; i++)
        if (s->slots[i]) {
            at = find(&bigger, s->slots[i]);
            bigger.slots[at] = s->slots[i];
            bigger.values[at] = s->values[i];
        }
    free(s->slots);
    free(s->values);
    *s = bigger;
    return 0;
}

int tide_strset_put(tide_strset *s, const char *key, int value)
{
    size_t i, len = strlen(key);
    if ((s->n + 1) * 2 > s->cap && grow(s) < 0)
        return TIDE_ENOMEM;
    i = find(s, key);
    if (s->slots[i]) {
        s->values[i] = value;
        return 0;
    }
    if (!(s->slots[i] = malloc(len + 1)))
        return TIDE_ENOMEM;
    memcpy(s->slots[i], key, len + 1);
    s->values[i] = value;
    s->n++;
    return 1;
}

int tide_strset_add(tide_strset *s, const char *key)
{
    if (s->cap && s->slots[find(s, key)])
        return 0;                           /* there: its int stays */
    return tide_strset_put(s, key, 0);
}

int tide_strset_get(const tide_strset *s, const char *key, int *value)
{
    size_t i;
    if (!s->cap)
        return 0;
    i = find(s, key);
    if (!s->slots[i])
        return 0;
    *value = s->values[i];
    return 1;
}

int tide_strset_has(const tide_strset *s, const char *key)
{
    return s->cap && s->slots[find(s, key)] != NULL;
}

void tide_strset_free(tide_strset *s)
{
    size_t i;
    for (i = 0; i < s->cap; i++)
        free(s->slots[i]);
    free(s->slots);
    free(s->values);
    s->slots = NULL;
    s->values = NULL;
    s->cap = s->n = 0;
}
