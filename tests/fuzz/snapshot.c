/* Fuzz target: the snapshot reader (src/snapshot.c). Any text must give a
 * schema or an error, never a crash; a schema it accepts must render, and
 * the rendering must read back to the same bytes (a snapshot tide writes is
 * one tide reads). The names of a snapshot are as free as a live database's,
 * so the schema also goes through the DSL writer (src/dsl_writer.c). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>

#include "dsl_writer.h"
#include "snapshot.h"

/* The schema written as DSL definitions (schema:inspect --format lua) must
 * be Lua that compiles, whatever its names hold: a name that broke out of
 * its string would be code. */
static void check_lua_definitions(const tide_schema *s)
{
    tide_buf lua = TIDE_BUF_INIT;
    tide_err err;
    lua_State *L;
    if (tide_schema_render_lua(s, &lua, &err) == 0 && (L = luaL_newstate())) {
        if (luaL_loadbufferx(L, lua.data ? lua.data : "", lua.len, "=definitions", "t") != LUA_OK)
            abort();
        lua_close(L);
    }
    tide_buf_free(&lua);
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

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    tide_schema *s = NULL;
    tide_err err;
    if (tide_snapshot_parse(&s, (const char *)data, size, "fuzz.json", &err) == 0) {
        check_round_trip(s);
        check_lua_definitions(s);
    } else if (s || !err.msg[0]) {
        abort();                            /* a failure says why and leaves nothing */
    }
    tide_schema_free(s);
    return 0;
}
