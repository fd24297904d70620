/* open.c — tide_open, the C entry to a project (tide.h): a Lua state of
 * its own with the whole tide.core, or the host's state with tide.core
 * registered, handed to the project room, which takes it from there. Also
 * the configuration alone, without a connection: the URL a project would
 * connect to (tide_config_url, tide.core.config_url) and the resolved
 * configuration as a table (tide debug). */
#include "api/module.h"
#include "lua/runtime.h"
#include "project/project.h"

#include <lauxlib.h>
#include <string.h>

int tide_open(tide **out, const tide_options *opts, tide_err *err)
{
    tide_options o = { 0 };
    int owns_L = 0;
    *out = NULL;
    if (opts)
        o = *opts;
    if (o.L)
        tide_runtime_register(o.L);
    else if ((o.L = tide_runtime_new()) != NULL)
        owns_L = 1;
    else
        return tide_err_set(err, TIDE_ENOMEM, "out of memory creating the Lua state");
    return tide__open(out, &o, owns_L, 0, 0, err);
}

/* ---- the configuration alone ------------------------------------------- */

/* What the configuration is read from: the Lua table at config_idx (0: the
 * file opts names, or the default one) in L, with opts' overrides. */
typedef struct config_source {
    lua_State *L;
    int config_idx;
    const tide_options *opts;
} config_source;

static int load_config(tide_config *cfg, const config_source *src, tide_err *err)
{
    tide_config_flags flags;
    memset(&flags, 0, sizeof flags);
    if (src->opts) {
        flags.config_file = src->opts->config_file;
        flags.url = src->opts->url;
        flags.verbose = src->opts->verbose;
    }
    return src->config_idx ? tide_config_load_table(cfg, src->L, src->config_idx, &flags, err)
                           : tide_config_load(cfg, src->L, &flags, err);
}

static int config_url(const config_source *src, char **url_out, tide_err *err)
{
    tide_config cfg;
    int rc;
    *url_out = NULL;
    if ((rc = load_config(&cfg, src, err)) == 0 && !(*url_out = tide_strdup(cfg.url)))
        rc = tide_err_set(err, TIDE_ENOMEM, "out of memory");
    tide_config_free(&cfg, src->L);
    return rc;
}

int tide_config_url(const tide_options *opts, char **url_out, tide_err *err)
{
    config_source src = { opts ? opts->L : NULL, 0, opts };
    int rc;
    if (src.L)
        tide_runtime_register(src.L);
    else if (!(src.L = tide_runtime_new()))
        return tide_err_set(err, TIDE_ENOMEM, "out of memory creating the Lua state");
    rc = config_url(&src, url_out, err);
    if (!opts || !opts->L)
        lua_close(src.L);
    return rc;
}

/* tide.core.config_url([config]) -> url: config a table shaped like a
 * tide.lua, the path of one, or nil (TIDE_CONFIG or ./tide.lua).
 * [-0, +1, e] */
int tide_runtime_config_url(lua_State *L)
{
    tide_options o;
    config_source src = { L, 0, &o };
    tide_err err;
    tide_buf url = TIDE_BUF_INIT;
    memset(&o, 0, sizeof o);
    if (lua_type(L, 1) == LUA_TTABLE)
        src.config_idx = 1;
    else
        o.config_file = luaL_optstring(L, 1, NULL);
    tide_err_clear(&err);
    if (config_url(&src, &url.data, &err) < 0)
        return tide_runtime_raise(L, &err);
    url.len = url.cap = strlen(url.data);
    return tide_runtime_push_free(L, &url);
}

static int push_config_p(lua_State *L)
{
    tide_config_push(L, lua_touserdata(L, 1));
    return 1;
}

int tide_runtime_push_config(lua_State *L, const tide_options *opts, tide_err *err)
{
    config_source src = { L, 0, opts };
    tide_config cfg;
    int rc;
    if ((rc = load_config(&cfg, &src, err)) == 0) {
        lua_pushcfunction(L, push_config_p);
        lua_pushlightuserdata(L, &cfg);
        rc = tide_runtime_pcall(L, 1, 1, err);
    }
    tide_config_free(&cfg, L);
    return rc;
}
