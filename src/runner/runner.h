/* runner.h — the runner's internals shared by runner.c (discovery, plan,
 * transaction modes), tracking.c (the tracking table) and seeder.c; the
 * rooms above use the new-migration helpers. Not part of the public API. */
#ifndef TIDE_RUNNER_H
#define TIDE_RUNNER_H

#include <lua.h>
#include <lauxlib.h>
#include "tide.h"
#include "project/project.h"
#include "runner/migration.h"

/* One row of the tracking table. */
typedef struct tide_tracked {
    char *name;           /* one allocation holding checksum and executed_at too */
    char *checksum;       /* NULL when none was recorded */
    char *executed_at;
    int64_t duration_ms;
    int running;          /* status 'running' */
} tide_tracked;

typedef struct tide_tracking {
    tide_tracked *items;  /* sorted by name */
    int n;
} tide_tracking;


/* A new migration's name (Migration<free timestamp>[_label]) and path in the
 * migrations folder, which is created when missing. */
int  tide__migration_name(tide *t, const char *label, tide_buf *name, tide_buf *path, tide_err *err);

/* The file of seeder name (seeder.c), checked to exist: a command that
 * seeds afterwards reports a missing seeder before it changes anything. */
int  tide__seeder_file(tide *t, const char *name, tide_buf *path, tide_err *err);


/* tracking.c */
int  tide_tracking__ensure(tide *t, tide_err *err);
int  tide_tracking__load(tide *t, tide_tracking *out, tide_err *err);
const tide_tracked *tide_tracking__find(const tide_tracking *tr, const char *name);
void tide_tracking__free(tide_tracking *tr);
int  tide_tracking__insert(tide *t, const tide_migration *m, const char *status,
                           int64_t duration_ms, tide_err *err);
int  tide_tracking__finish(tide *t, const char *name, int64_t duration_ms, tide_err *err);
int  tide_tracking__mark_running(tide *t, const char *name, tide_err *err);
int  tide_tracking__delete(tide *t, const char *name, tide_err *err);
void tide_tracking__now(char out[32]);


#endif
