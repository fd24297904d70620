/* sumcache.c — the checksums of migration files remembered between runs
 * (see sumcache.h for what is kept where, and why a stale one is harmless). */
#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE 1   /* realpath, strdup, fstatat, O_DIRECTORY under -std=c11 */
#endif
#include "runner/sumcache.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define HEADER "tide checksums 2 "

/* After the header line (the folder's real path), one record per file, in
 * name order, each: the checksum (64 hex digits), the seven numbers of its
 * file_key (8 bytes each, this machine's byte order: the cache never leaves
 * it), the name's length (2 bytes), the name and a NUL. Read in place, no
 * number parsed: the text form of version 1 was a third of migration:list's
 * instructions with 10,000 files (parsing seven decimals and checking 64
 * digits per line). */
enum { SUM_LEN = 64, KEY_LEN = 7 * 8, RECORD_FIXED = SUM_LEN + KEY_LEN + 2 };

/* What stat says of a file: any change to it (an edit, a touch, a
 * checkout, another file renamed over it) changes one of these. */
typedef struct file_key {
    long long size, mtime_s, mtime_ns, ctime_s, ctime_ns;
    unsigned long long ino, dev;
} file_key;

struct tide_sumcache_entry {
    const char *name;              /* the file name (the end of its path) */
    const char *sum;               /* its checksum: 64 hex digits */
    char *owned;                   /* name and sum, when not in the loaded text */
    file_key key;
    int used;                      /* checked in this run: written back */
};

static void key_of(const struct stat *st, file_key *k)
{
    k->size = (long long)st->st_size;
    k->mtime_s = (long long)st->st_mtim.tv_sec;
    k->mtime_ns = (long long)st->st_mtim.tv_nsec;
    k->ctime_s = (long long)st->st_ctim.tv_sec;
    k->ctime_ns = (long long)st->st_ctim.tv_nsec;
    k->ino = (unsigned long long)st->st_ino;
    k->dev = (unsigned long long)st->st_dev;
}

static int same_key(const file_key *a, const file_key *b)
{
    return a->size == b->size && a->mtime_s == b->mtime_s && a->mtime_ns == b->mtime_ns &&
           a->ctime_s == b->ctime_s && a->ctime_ns == b->ctime_ns && a->ino == b->ino && a->dev == b->dev;
}

/* A file changed less than two seconds before now (or in the future) may
 * change again within the same tick of its file system's clock without its
 * times moving: it is read every time until it has settled. */
static int settled(const file_key *k)
{
    time_t now = time(NULL);
    return k->mtime_s < (long long)now - 2 && k->ctime_s < (long long)now - 2;
}

static void drop_all(tide_sumcache *c)
{
    int i;
    for (i = 0; i < c->n; i++)
        free(c->items[i].owned);
    free(c->items);
    c->items = NULL;
    c->n = c->nloaded = c->next = c->cap = 0;
}

/* Room for one more entry: the number of files the cache was opened for
 * at first (one allocation of the size a listing needs, not a doubling
 * that copies and touches twice as much), then doubling. */
static int reserve(tide_sumcache *c)
{
    tide_sumcache_entry *p;
    int cap;
    if (c->n < c->cap)
        return 0;
    cap = c->cap ? c->cap * 2 : c->want > 16 ? c->want : 16;
    if (!(p = realloc(c->items, sizeof *p * (size_t)cap)))
        return -1;
    c->items = p;
    c->cap = cap;
    return 0;
}

/* Appends an entry; name and sum are kept (owned: freed with the cache). */
static tide_sumcache_entry *add_entry(tide_sumcache *c, const char *name, const char *sum, char *owned,
                                      const file_key *k)
{
    tide_sumcache_entry *e;
    if (reserve(c) < 0)
        return NULL;
    e = &c->items[c->n++];
    e->name = name;
    e->sum = sum;
    e->owned = owned;
    e->key = *k;
    e->used = 0;
    return e;
}

/* The loaded entry of name: the one after the last found (lookups come in
 * name order, as the cache is written), else by binary search. */
static tide_sumcache_entry *find(tide_sumcache *c, const char *name)
{
    int lo = 0, hi = c->nloaded - 1, cmp;
    if (c->next < c->nloaded && !strcmp(c->items[c->next].name, name))
        return &c->items[c->next++];
    while (lo <= hi) {
        int mid = lo + (hi - lo) / 2;
        if (!(cmp = strcmp(c->items[mid].name, name))) {
            c->next = mid + 1;
            return &c->items[mid];
        }
        if (cmp < 0)
            lo = mid + 1;
        else
            hi = mid - 1;
    }
    return NULL;
}

static void key_from(const char *p, file_key *k)
{
    long long v[5];
    memcpy(v, p, sizeof v);
    k->size = v[0];
    k->mtime_s = v[1];
    k->mtime_ns = v[2];
    k->ctime_s = v[3];
    k->ctime_ns = v[4];
    memcpy(&k->ino, p + 40, 8);
    memcpy(&k->dev, p + 48, 8);
}

static int key_put(tide_buf *b, const file_key *k)
{
    long long v[5] = { k->size, k->mtime_s, k->mtime_ns, k->ctime_s, k->ctime_ns };
    return tide_buf_add(b, (const char *)v, sizeof v) < 0 || tide_buf_add(b, (const char *)&k->ino, 8) < 0 ||
           tide_buf_add(b, (const char *)&k->dev, 8) < 0 ? -1 : 0;
}

/* The record at *p (before end); advances *p. -1 when malformed. */
static int parse_record(tide_sumcache *c, const char **p, const char *end)
{
    const char *r = *p, *name;
    file_key k;
    unsigned short len;
    if (end - r < RECORD_FIXED)
        return -1;
    memcpy(&len, r + SUM_LEN + KEY_LEN, 2);
    name = r + RECORD_FIXED;
    if (len == 0 || end - name < (ptrdiff_t)len + 1 || name[len] != '\0' || memchr(name, '\0', len) ||
        memchr(r, '\0', SUM_LEN))
        return -1;
    if (c->n && strcmp(c->items[c->n - 1].name, name) >= 0)
        return -1;               /* written sorted by name, each once */
    key_from(r + SUM_LEN, &k);
    *p = name + len + 1;
    return add_entry(c, name, r, NULL, &k) ? 0 : -1;
}

/* The cache's records, all or none: a corrupt or foreign file (or one of
 * an older tide's format) counts as empty. The file is mapped, not read:
 * the entries' names and sums point into the mapping (1.5 MB for 10,000
 * files, which as a copy was a tenth of migration:list's memory); it is
 * only ever replaced by a rename, never written in place, so the mapping
 * stays whole. */
static void load(tide_sumcache *c)
{
    const char *p, *end, *text, *nl;
    size_t hl = strlen(HEADER), fl = strlen(c->folder);
    struct stat st;
    void *map;
    int fd = open(c->file, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return;
    if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || st.st_size <= 0 ||
        (map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0)) == MAP_FAILED) {
        close(fd);
        return;
    }
    close(fd);
    c->map = map;
    c->maplen = (size_t)st.st_size;
    text = map;
    if (c->maplen < hl || memcmp(text, HEADER, hl) || !(nl = memchr(text, '\n', c->maplen)))
        return;                  /* not one this tide reads: written again once entries are added */
    if ((size_t)(nl - text) != hl + fl || memcmp(text + hl, c->folder, fl))
        return;                  /* another folder's (16 hex digits collide): ignored */
    end = text + c->maplen;
    for (p = nl + 1; p < end;) {
        if (parse_record(c, &p, end) < 0) {
            drop_all(c);
            c->dirty = 1;        /* corrupt: written again */
            return;
        }
    }
    c->nloaded = c->n;
}

void tide_sumcache_open(tide_sumcache *c, const char *dir, int nfiles)
{
    const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
    char real[PATH_MAX], hex[65];
    tide_buf path = TIDE_BUF_INIT;
    memset(c, 0, sizeof *c);
    if (!dir || nfiles < TIDE_SUMCACHE_MIN || !realpath(dir, real))
        return;
    c->want = nfiles + 16;
    tide_sha256_hex(real, strlen(real), hex);
    if (xdg && xdg[0] == '/')
        tide_buf_printf(&path, "%s/tide/checksums-%.16s", xdg, hex);
    else if (home && home[0] == '/')
        tide_buf_printf(&path, "%s/.cache/tide/checksums-%.16s", home, hex);
    if (!path.data || !(c->folder = strdup(real))) {
        tide_buf_free(&path);
        return;
    }
    c->file = path.data;
    if ((c->dirfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) >= 0) {
        c->has_dirfd = 1;        /* 10,000 stats: the folder's path walked once, not each time */
        c->dir = dir;
        c->dirlen = strlen(dir);
    }
    load(c);
}

/* The stat of m's file: by its name in the open folder when it is in it. */
static int stat_of(const tide_sumcache *c, const char *path, const char *name, struct stat *st)
{
    if (c->has_dirfd && name == path + c->dirlen + 1 && !strncmp(path, c->dir, c->dirlen))
        return fstatat(c->dirfd, name, st, 0);
    return stat(path, st);
}

/* ---- the stats, on two threads -------------------------------------------- */

enum { PRESTAT_MIN = 1024, PRESTAT_CHUNK = 64 };

/* A file's stat taken ahead (ok: stat succeeded, key set). */
struct tide_sumcache_stat {
    file_key key;
    int ok;
};

typedef struct prestat_job {
    const tide_sumcache *c;
    tide_migration *const *ms;
    tide_sumcache_stat *pre;
    int n;
    atomic_int next;               /* the next chunk to take */
} prestat_job;

static void prestat_run(prestat_job *j)
{
    int lo, i;
    while ((lo = atomic_fetch_add(&j->next, PRESTAT_CHUNK)) < j->n)
        for (i = lo; i < j->n && i < lo + PRESTAT_CHUNK; i++) {
            const char *path = j->ms[i]->path, *slash = strrchr(path, '/');
            struct stat st;
            if ((j->pre[i].ok = stat_of(j->c, path, slash ? slash + 1 : path, &st) == 0))
                key_of(&st, &j->pre[i].key);
        }
}

static void *prestat_thread(void *arg)
{
    prestat_run(arg);
    return NULL;
}

void tide_sumcache_prestat(tide_sumcache *c, tide_migration *const *ms, int n)
{
    prestat_job j;
    pthread_t thread;
    int i, started;
    if (!c->file || n < PRESTAT_MIN)
        return;
    for (i = 0; i < n; i++)
        if (!ms[i]->path)
            return;
    if (!(c->pre = malloc(sizeof *c->pre * (size_t)n)))
        return;
    j.c = c;
    j.ms = ms;
    j.pre = c->pre;
    j.n = n;
    atomic_init(&j.next, 0);
    started = pthread_create(&thread, NULL, prestat_thread, &j) == 0;
    prestat_run(&j);
    if (started)
        pthread_join(thread, NULL);
    c->pre_m = ms;
    c->npre = n;
    c->pre_next = 0;
}

int tide_sumcache_checksum(tide_sumcache *c, tide_migration *m, tide_err *err)
{
    struct stat st;
    file_key k;
    tide_sumcache_entry *e;
    const char *name;
    char *owned;
    int rc;
    if (!c->file || m->kind == TIDE_MIG_LIST || !m->path)
        return tide_migration_checksum(m, err);
    name = strrchr(m->path, '/') ? strrchr(m->path, '/') + 1 : m->path;
    if (c->pre_next < c->npre && c->pre_m[c->pre_next] == m) {
        int i = c->pre_next++;   /* stat'ed already (tide_sumcache_prestat) */
        if (!c->pre[i].ok)
            return tide_migration_checksum(m, err);
        k = c->pre[i].key;
    } else {
        if (stat_of(c, m->path, name, &st) < 0)
            return tide_migration_checksum(m, err);
        key_of(&st, &k);         /* before the read: a change after it moves the times */
    }
    if ((e = find(c, name)) && same_key(&e->key, &k)) {
        memcpy(m->checksum, e->sum, SUM_LEN);
        m->checksum[SUM_LEN] = '\0';
        e->used = 1;
        return 0;
    }
    if ((rc = tide_migration_checksum(m, err)) < 0)
        return rc;
    c->dirty = 1;                /* an entry added, or a stale one dropped */
    if (settled(&k) && !strchr(name, '\n') && m->checksum[0] && (owned = malloc(strlen(name) + 66))) {
        strcpy(owned, m->checksum);                   /* the sum, then the name */
        strcpy(owned + 65, name);
        if ((e = add_entry(c, owned + 65, owned, owned, &k)))
            e->used = 1;
        else
            free(owned);
    }
    return 0;
}

/* The cache's folder (and its parent, ~/.cache), private to the user. */
static void make_dirs(const char *file)
{
    char dir[PATH_MAX], *slash;
    if (strlen(file) >= sizeof dir)
        return;
    strcpy(dir, file);
    if (!(slash = strrchr(dir, '/')))
        return;
    *slash = '\0';                         /* .../tide */
    if (mkdir(dir, 0700) == 0 || errno != ENOENT || !(slash = strrchr(dir, '/')) || slash == dir)
        return;
    *slash = '\0';                         /* .../.cache */
    mkdir(dir, 0700);
    *slash = '/';
    mkdir(dir, 0700);
}

static int by_name(const void *a, const void *b)
{
    return strcmp((*(const tide_sumcache_entry *const *)a)->name, (*(const tide_sumcache_entry *const *)b)->name);
}

void tide_sumcache_close(tide_sumcache *c)
{
    tide_buf text = TIDE_BUF_INIT;
    tide_sumcache_entry **used = NULL;
    tide_err ignored;
    int i, n = 0, ok;
    for (i = 0; c->file && !c->dirty && i < c->n; i++)
        c->dirty = !c->items[i].used;          /* a file gone or no longer checked */
    if (c->file && c->dirty && (used = malloc(sizeof *used * (size_t)(c->n ? c->n : 1)))) {
        for (i = 0; i < c->n; i++)
            if (c->items[i].used)
                used[n++] = &c->items[i];
        qsort(used, (size_t)n, sizeof *used, by_name);
        ok = tide_buf_printf(&text, "%s%s\n", HEADER, c->folder) == 0;
        for (i = 0; ok && i < n; i++) {
            const tide_sumcache_entry *e = used[i];
            size_t len = strlen(e->name);
            unsigned short len16 = (unsigned short)len;
            if (i && !strcmp(used[i - 1]->name, e->name))
                continue;                      /* checked twice in one run: once */
            if (len > 0xffff)
                continue;                      /* a name of 64 KB: not remembered */
            ok = tide_buf_add(&text, e->sum, SUM_LEN) == 0 && key_put(&text, &e->key) == 0 &&
                 tide_buf_add(&text, (const char *)&len16, 2) == 0 && tide_buf_add(&text, e->name, len + 1) == 0;
        }
        if (ok) {
            make_dirs(c->file);
            tide_file_write_atomic(c->file, text.data, text.len, 0, &ignored);
        }
    }
    free(used);
    tide_buf_free(&text);
    drop_all(c);
    if (c->map)
        munmap(c->map, c->maplen);
    free(c->pre);
    free(c->file);
    free(c->folder);
    if (c->has_dirfd)
        close(c->dirfd);
    memset(c, 0, sizeof *c);
}
