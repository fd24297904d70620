/* Fuzz target: config validation (src/config.c). The input runs as a tide.lua
 * in the sandbox (sandbox.h); whatever table it returns goes through
 * tide_config_load_table, the validation tide.lua and tide.open{} share. Any
 * table gives a configuration or an error that names the key. */
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>

#include <lua.h>

#include "project/config.h"
#include "sandbox.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc; (void)argv;
    unsetenv("TIDE_DATABASE_URL");      /* the input alone decides */
    unsetenv("TIDE_CONFIG");
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    lua_State *L = sandbox_new();
    tide_config cfg;
    tide_err err;
    int top;
    if (!L)
        return 0;
    top = lua_gettop(L);
    if (sandbox_run(L, (const char *)data, size, 0) == 0 && lua_type(L, -1) == LUA_TTABLE) {
        int rc = tide_config_load_table(&cfg, L, -1, NULL, &err);
        if (rc < 0 && !err.msg[0])
            abort();
        sandbox_say("tide", rc == 0 ? "valid" : err.msg);
        if (rc == 0 && (!cfg.url || !cfg.migrations.path || !cfg.migrations.table_name))
            abort();
        if (rc == 0 && !(cfg.migrations.lock_timeout >= 0
                         && cfg.migrations.lock_timeout * 1000 <= INT_MAX))
            abort();                    /* the runner turns it into int milliseconds */
        if (lua_gettop(L) != top + 1)
            abort();                    /* the stack as it was */
        tide_config_free(&cfg, L);
    }
    sandbox_close(L);
    return 0;
}
