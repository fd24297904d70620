/* fixture.h — the fixture unit tests share: a fresh temporary folder and
 * a Lua state with tide's modules, both removed after the group. Include
 * after <stdlib.h>, <string.h> and <lua.h>. */
#ifndef TIDE_TEST_FIXTURE_H
#define TIDE_TEST_FIXTURE_H

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <lua.h>
#include "lua/runtime.h"
#include "api/module.h"

typedef struct fixture {
    char dir[64];
    lua_State *L;
} fixture;

/* template: "/tmp/tide-<name>-XXXXXX" */
static inline int fixture_setup(void **state, const char *template)
{
    fixture *f = calloc(1, sizeof *f);
    if (!f)
        return -1;
    snprintf(f->dir, sizeof f->dir, "%s", template);
    if (!mkdtemp(f->dir) || !(f->L = tide_runtime_new())) {
        free(f);
        return -1;
    }
    *state = f;
    return 0;
}

static inline int fixture_remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st, (void)flag, (void)ftw;
    return remove(path);
}

static inline int fixture_teardown(void **state)
{
    fixture *f = *state;
    lua_close(f->L);
    nftw(f->dir, fixture_remove_entry, 16, FTW_DEPTH | FTW_PHYS);
    free(f);
    return 0;
}

#endif
