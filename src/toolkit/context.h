/* context.h — the `m` a migration's up/down receives (toolkit/context.c)
 * and the toolkit methods it carries (toolkit.c, toolkit_enum.c,
 * coltype.c). The runner pushes an m per migration; the toolkit reaches
 * the project through it. Internal. */
#ifndef TIDE_CONTEXT_H
#define TIDE_CONTEXT_H

#include <lua.h>
#include <lauxlib.h>
#include "project/project.h"

/* Pushes a new `m` for the migration named name.   [-0, +1, m] */
void tide_context__push(lua_State *L, tide *t, const char *name);
/* Detaches the handle made for the m at index m (closing its cursors).
 * [-0, +0, -] */
void tide_context__release(lua_State *L, int m);
/* flush(m): runs the statements queued with addSql.   [-0, +0, e] */
int  tide_context__flush(lua_State *L);
/* The tide behind the context m at idx; raises when it is not one. */
tide *tide_context__tide(lua_State *L, int idx);
/* The toolkit methods of m written in C (toolkit.c). */
extern const luaL_Reg tide_toolkit_methods[];

#endif
