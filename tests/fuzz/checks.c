/* checks.c — the checks every schema a fuzz target ends with must pass
 * (see checks.h). */
#include "checks.h"

#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>

#include "model/diff.h"
#include "db/driver.h"
#include "model/dsl_writer.h"
#include "model/snapshot.h"
#include "sandbox.h"

/* The schema written as DSL definitions (schema:inspect --format lua) must
 * be Lua that compiles, whatever its names hold: a name that broke out of
 * its string would be code. */
static void check_lua_definitions(const tide_schema *s)
{
    tide_buf lua = TIDE_BUF_INIT;
    tide_err err;
    lua_State *L;
    if (tide_schema_render_lua(s, &lua, &err) == 0 && (L = luaL_newstate())) {
        if (luaL_loadbufferx(L, lua.data ? lua.data : "", lua.len, "=definitions", "t") != LUA_OK) {
            sandbox_say("definitions", lua.data);
            sandbox_say("lua", lua_tostring(L, -1));
            abort();
        }
        lua_close(L);
    }
    tide_buf_free(&lua);
}

/* The diff from nothing to s, up and down, in both dialects' SQL: an
 * emitter may refuse what its database cannot do, with a message. */
static void check_emitters(const tide_schema *s)
{
    static const tide_driver *const drivers[] = { &tide_sqlite_driver, &tide_postgres_driver };
    tide_schema *empty = tide_schema_new();
    tide_plan up, down;
    tide_err err;
    size_t i;
    memset(&up, 0, sizeof up);
    memset(&down, 0, sizeof down);
    if (!empty || tide_schema_finish(empty, &err) < 0 || tide_diff(empty, s, NULL, &up, &down, &err) < 0)
        goto done;
    for (i = 0; i < sizeof drivers / sizeof *drivers; i++) {
        tide_sql_list sql_up = { NULL, NULL, 0 }, sql_down = { NULL, NULL, 0 };
        tide_err_clear(&err);
        if ((drivers[i]->emit(&up, &sql_up, &err) < 0 || drivers[i]->emit(&down, &sql_down, &err) < 0)
            && !err.msg[0])
            abort();
        tide_sql_list_free(&sql_up);
        tide_sql_list_free(&sql_down);
    }
done:
    tide_plan_free(&up);
    tide_plan_free(&down);
    tide_schema_free(empty);
}

/* render(s) must parse, and render to the same text again. */
static void check_round_trip(const tide_schema *s)
{
    tide_buf first = TIDE_BUF_INIT, second = TIDE_BUF_INIT;
    tide_schema *again = NULL;
    tide_err err;
    if (tide_snapshot_render(s, &first, &err) < 0)
        goto done;                          /* not UTF-8: refused, not misread */
    if (tide_snapshot_parse(&again, first.data, first.len, "rendered", &err) < 0)
        abort();
    if (tide_snapshot_render(again, &second, &err) < 0)
        abort();
    if (first.len != second.len || memcmp(first.data, second.data, first.len))
        abort();
done:
    tide_schema_free(again);
    tide_buf_free(&first);
    tide_buf_free(&second);
}

void check_schema(const tide_schema *s)
{
    check_round_trip(s);
    check_lua_definitions(s);
    check_emitters(s);
}
