/* sumcache.h — the checksums of migration files remembered between runs, so
 * that migration:list and migration:up's "changed since it was executed"
 * warning need not read every executed migration's file (issue 20).
 *
 * One cache file per migrations folder, outside the project:
 * $XDG_CACHE_HOME/tide/checksums-<16 hex digits of SHA-256 of the folder's
 * real path> (XDG_CACHE_HOME defaults to $HOME/.cache). Each line keeps a
 * file's name, size, modification and change times (ns), inode and device,
 * and the checksum of its bytes. A file whose stat differs in any of these
 * is read again. A cache can only skip work, never change an answer: a
 * missing, unreadable, corrupt or foreign cache is ignored (and rewritten);
 * a file changed within two seconds of its times is not remembered (a file
 * system's clock tick could hide a second change); nothing is cached for a
 * folder of fewer than TIDE_SUMCACHE_MIN files checked, where reading is
 * cheap. migration:validate never uses it: it reads every file.
 * Internal (runner/sumcache.c). */
#ifndef TIDE_SUMCACHE_H
#define TIDE_SUMCACHE_H

#include "runner/migration.h"

enum { TIDE_SUMCACHE_MIN = 256 };

typedef struct tide_sumcache_entry tide_sumcache_entry;
typedef struct tide_sumcache_stat tide_sumcache_stat;

typedef struct tide_sumcache {
    char *file;                    /* the cache's path; NULL: every checksum is read */
    char *folder;                  /* the folder's real path (the cache's first line) */
    void *map;                     /* the cache file, mapped: the loaded entries' names and sums */
    size_t maplen;
    tide_sumcache_entry *items;    /* the loaded ones first, sorted by name */
    int n, nloaded, cap;
    int want;                      /* room for this many at first: the files to check */
    int next;                      /* where the next lookup looks first */
    int dirty;                     /* an entry was added, changed or dropped */
    const char *dir;               /* the folder as given (borrowed), and */
    size_t dirlen;
    int dirfd, has_dirfd;          /* open, for a stat of each file by its name alone */
    tide_sumcache_stat *pre;       /* tide_sumcache_prestat's stats, of pre_m's files */
    tide_migration *const *pre_m;  /* borrowed from its caller */
    int npre, pre_next;
} tide_sumcache;

/* Loads the cache of the migrations folder dir, for a run that checks
 * nfiles files. dir NULL or nfiles < TIDE_SUMCACHE_MIN: no cache (c still
 * usable). Never fails: a cache that cannot be had is no cache. */
void tide_sumcache_open(tide_sumcache *c, const char *dir, int nfiles);

/* Fills m->checksum as tide_migration_checksum does, from the cache when
 * the file's stat is the one remembered. */
int  tide_sumcache_checksum(tide_sumcache *c, tide_migration *m, tide_err *err);

/* Stats the files of ms[0..n) (each with a path) on two threads, for the
 * tide_sumcache_checksum calls that follow in that order (ms is kept, not
 * copied: it must outlive them); does nothing without a cache or for fewer
 * than 1,024 files. */
void tide_sumcache_prestat(tide_sumcache *c, tide_migration *const *ms, int n);

/* Writes the cache back when it changed (the files checked in this run
 * only; failures ignored) and frees it. */
void tide_sumcache_close(tide_sumcache *c);

#endif
