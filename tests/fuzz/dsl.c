/* Fuzz target: schema definitions to the model (lua/tide/schema.lua and
 * src/model_lua.c). The input runs as a schema file in the sandbox
 * (sandbox.h) with t = require "tide.schema"; what it returns is converted
 * and finished. A schema that finishes must pass checks.h: snapshot round
 * trip, DSL writer, diff and emitters. */
#include <stdint.h>
#include <stdlib.h>

#include <lua.h>

#include "checks.h"
#include "lua/model_lua.h"
#include "sandbox.h"

static void convert(lua_State *L)
{
    tide_schema *s = tide_schema_new();
    tide_err err;
    int top = lua_gettop(L), rc;
    if (!s)
        return;
    rc = tide_model_from_lua(s, L, -1, "fuzz.lua", &err);
    if (lua_gettop(L) != top)
        abort();                        /* converters leave the stack as it was */
    if (rc == 0)
        rc = tide_schema_finish(s, &err);
    if (rc < 0 && !err.msg[0])
        abort();
    if (rc == 0)
        check_schema(s);
    sandbox_say("tide", rc == 0 ? "converted" : err.msg);
    tide_schema_free(s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    lua_State *L = sandbox_new();
    if (!L)
        return 0;
    if (sandbox_run(L, (const char *)data, size, 1) == 0)
        convert(L);
    sandbox_close(L);
    return 0;
}
